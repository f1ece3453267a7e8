// Schemas of the knowledge base (DESIGN §4). Everything a loader reads is checked here,
// so a support center that edits content gets an error naming the file and the field.
import { z } from 'zod';

export const DOC_KINDS = ['subsidy', 'bcp', 'starter', 'guide', 'faq', 'partner'] as const;
export const DocKind = z.enum(DOC_KINDS);
export type DocKind = z.infer<typeof DocKind>;

/** YYYY-MM-DD, checked to be a real calendar date. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');

/** YYYY-MM-DD with an optional Japan-time clock time: "2026-05-08 17:00". */
export const IsoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/, 'expected YYYY-MM-DD or "YYYY-MM-DD HH:MM" (Japan time)');

const Text = z.string().trim().min(1);
const Url = z.url({ message: 'expected an http(s) URL' });

export const Round = z
  .object({
    name: Text, // 第20回, 23次, 1次 ...
    opens: IsoDateTime.optional(), // 申請受付開始
    closes: IsoDateTime.optional(), // 締切
    announced: IsoDate.optional(), // 公募要領の公開日
    note: z.string().optional(),
    uncertain: z.boolean().default(false),
  })
  .strict();
export type Round = z.infer<typeof Round>;

/** One cap of a program, for a track and (optionally) a band of employees. */
export const AmountCap = z
  .object({
    track: Text, // 枠 or 類型: 製品・サービス高付加価値化枠, 通常枠 ...
    employees_min: z.number().int().min(0).optional(),
    employees_max: z.number().int().min(0).optional(),
    amount: z.number().int().positive(), // 補助上限額 in yen
    special_amount: z.number().int().positive().optional(), // with the wage-raise (賃上げ) special rule
    special_label: z.string().optional(), // name of that special rule
    min_amount: z.number().int().positive().optional(), // 補助下限額
    note: z.string().optional(),
    uncertain: z.boolean().default(false),
  })
  .strict();
export type AmountCap = z.infer<typeof AmountCap>;

export const SubsidyRate = z
  .object({
    applies_to: Text, // 中小企業, 小規模事業者, 最低賃金引上げ特例 ...
    rate: z.string().regex(/^(\d+\/\d+|定額|\d+%)(以内)?$/, 'expected a rate such as "1/2", "2/3以内", "定額"'),
    note: z.string().optional(),
  })
  .strict();

/** Machine-readable eligibility, evaluated by the subsidy matcher. */
export const Eligibility = z
  .object({
    applicant: z.enum(['company', 'support_org', 'consortium']).default('company'),
    sme_required: z.boolean().default(true), // 中小企業者 (SME definition, 中小企業基本法)
    small_business_only: z.boolean().default(false), // 小規模事業者 only
    min_employees: z.number().int().min(0).optional(),
    max_employees: z.number().int().min(0).optional(),
    min_revenue_jpy: z.number().int().positive().optional(),
    max_revenue_jpy: z.number().int().positive().optional(),
    industries: z.array(Text).optional(), // allowed industries; absent = all
    excluded_industries: z.array(Text).optional(),
    rules: z.array(Text).default([]), // the same rules in plain Japanese, for display
  })
  .strict();
export type Eligibility = z.infer<typeof Eligibility>;

/** Something to obtain before applying, with how long it takes. */
export const Prerequisite = z
  .object({
    name: Text, // GビズIDプライム, 様式4 (事業支援計画書), SECURITY ACTION ...
    lead_days: z.number().int().min(0).optional(), // calendar days it usually takes; absent when no source says
    required: z.boolean().default(true), // false: a bonus point, not a must
    doc: z.string().optional(), // knowledge doc id that explains it
    note: z.string().optional(),
  })
  .strict();
export type Prerequisite = z.infer<typeof Prerequisite>;

export const ExtraSource = z.object({ title: Text, url: Url }).strict();

const CommonFields = {
  title: Text,
  source_url: Url,
  as_of: IsoDate,
  tags: z.array(Text).default([]),
  aliases: z.array(Text).default([]), // other names owners use: もの補助, ジギョケイ ...
  summary: z.string().optional(), // one or two sentences, shown first in answers
  sources: z.array(ExtraSource).default([]),
  uncertain: z.array(Text).default([]), // facts not yet confirmed against the 公募要領
};

/** Structured program fields: required for subsidies, allowed on guides and bcp docs about a program. */
const ProgramFields = {
  program: Text, // official name
  administrator: Text, // 所管 / 事務局
  status: z.enum(['open', 'upcoming', 'between_rounds', 'rolling', 'closed', 'replaced']).optional(),
  successor: z.string().optional(), // doc id
  predecessor: z.string().optional(), // doc id
  rounds: z.array(Round).default([]),
  max_amount_jpy: z.array(AmountCap).default([]),
  rate: z.array(SubsidyRate).default([]),
  eligible: Eligibility.optional(),
  expenses: z.array(Text).default([]),
  requirements: z.array(Text).default([]),
  bonus_points: z.array(Text).default([]),
  prerequisites: z.array(Prerequisite).default([]),
  apply_via: z.array(Text).default([]),
};

export const SubsidyFrontMatter = z
  .object({ kind: z.literal('subsidy'), ...CommonFields, ...ProgramFields, eligible: Eligibility })
  .strict();

const OptionalProgramFields = Object.fromEntries(
  Object.entries(ProgramFields).map(([k, v]) => [k, (v as z.ZodType).optional()]),
) as { [K in keyof typeof ProgramFields]: z.ZodOptional<(typeof ProgramFields)[K]> };

export const GuideFrontMatter = z
  .object({ kind: z.enum(['guide', 'faq', 'bcp']), ...CommonFields, ...OptionalProgramFields })
  .strict();

export const StarterFrontMatter = z
  .object({
    kind: z.literal('starter'),
    ...CommonFields,
    goal: Text,
    suits: z.array(Text).min(1), // who it suits
    first_steps: z.array(Text).length(3),
    partners_needed: z.array(Text).min(1),
    capabilities: z.array(Text).default([]), // taxonomy capability ids it relates to
    areas: z.array(z.enum(['strengths', 'market', 'collaboration', 'bcp', 'sdgs', 'digital', 'labour', 'quality', 'cost'])).min(1),
    related: z.array(Text).default([]), // knowledge doc ids of related programs
    risks: z.array(Text).min(1),
    effort: z.enum(['small', 'medium']), // a starter is small by design
    duration: Text, // e.g. 1〜3か月
  })
  .strict();

export const FrontMatter = z.discriminatedUnion('kind', [SubsidyFrontMatter, GuideFrontMatter, StarterFrontMatter]);
export type FrontMatter = z.infer<typeof FrontMatter>;
export type SubsidyFrontMatter = z.infer<typeof SubsidyFrontMatter>;
export type StarterFrontMatter = z.infer<typeof StarterFrontMatter>;

/** A loaded document: one Markdown file, one PDF, or one registry row. */
export type KnowledgeDoc = {
  id: string; // path relative to its knowledge root, without extension
  kind: DocKind;
  title: string;
  sourceUrl?: string;
  asOf?: string;
  path: string; // absolute file path
  body: string; // text to chunk (Markdown body, PDF text)
  meta: Record<string, unknown>; // validated front matter / sidecar
  hash: string; // sha256 of the file bytes, for the manifest
};

/** A passage of a document, the unit of retrieval. */
export type Chunk = {
  id: string; // `${docId}#${n}` (registry rows: `${docId}#${companyId}`)
  docId: string;
  kind: DocKind;
  title: string;
  section: string; // heading path: 補助上限額 > 高付加価値化枠
  text: string; // the passage itself
  keywords?: string[]; // the document's aliases: indexed with every passage, not shown
  sourceUrl?: string;
  asOf?: string;
};
