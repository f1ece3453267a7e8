// Schema of the draft templates (knowledge/templates/<kind>.yaml): the document's sections in
// the official order with their text and tables, the fields that fill them (how each is asked
// and where a value may already be known), the consistency checks computed from the owner's
// figures with the knowledge documents that state the required values, and reminders quoted
// from those documents. The drafting code runs any file that passes this.
import { z } from 'zod';
import { DRAFT_KINDS } from './kinds.ts';

const Text = z.string().trim().min(1);
/** camelCase, like the OwnerProfile keys a field may mirror (companyName, employees ...). */
const FieldId = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'expected a camelCase field id such as "valueAddedBase"');
const CheckId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case check id such as "value-added-growth"');
const DocId = z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)+$/, 'expected a knowledge doc id such as "subsidies/monozukuri"');

export const FIELD_TYPES = ['text', 'number', 'money', 'percent', 'list', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Where a value may already be known before the owner is asked. */
export const FIELD_SOURCES = {
  ask: undefined,
  'profile.companyName': 'text',
  'profile.prefecture': 'text',
  'profile.city': 'text',
  'profile.industry': 'text',
  'profile.employees': 'number',
  'profile.capitalJpy': 'money',
  'profile.capabilities': 'list',
  'profile.needs': 'list',
  'diagnosis.strengths': 'list',
  'diagnosis.issues': 'list',
} as const satisfies Record<string, FieldType | undefined>;
export type FieldSource = keyof typeof FIELD_SOURCES;

/** A button label must fit a LINE quick reply (20 characters). */
export const MAX_OPTION_LABEL = 20;
export const MAX_OPTIONS = 8;

export const TemplateField = z
  .object({
    id: FieldId,
    type: z.enum(FIELD_TYPES),
    label: Text.max(40, 'keep labels within 40 characters'), // what the value is, in the checklist and the 要記入 marker
    question: Text.max(120, 'keep questions within 120 characters: owners read them on a phone'),
    why: Text.max(80, 'keep the reason within 80 characters'), // why the plan needs it (shown in 【要記入: …】)
    from: z.enum(Object.keys(FIELD_SOURCES) as [FieldSource, ...FieldSource[]]).default('ask'),
    hint: Text.optional(), // how to answer, shown under the question: 例：3000万円
    unit: z.enum(['人', '年', '回', '社', '年度']).optional(), // number fields: the unit shown after the value
    bare_yen: z.boolean().default(false), // money fields: a bare number (1050) is yen, as for hourly wages
    options: z.array(Text.max(MAX_OPTION_LABEL, `keep option labels within ${MAX_OPTION_LABEL} characters`)).max(MAX_OPTIONS).default([]), // text fields: buttons
  })
  .strict();
export type TemplateField = z.infer<typeof TemplateField>;

export const TemplateTable = z
  .object({
    caption: Text.optional(),
    columns: z.array(Text).min(1),
    rows: z.array(z.array(z.string())).min(1),
  })
  .strict();
export type TemplateTable = z.infer<typeof TemplateTable>;

export const TemplateSection = z
  .object({
    heading: Text,
    level: z.union([z.literal(1), z.literal(2)]).default(1),
    guidance: Text.optional(), // how to write this part: shown to the owner as a note
    body: z.string().optional(), // paragraphs separated by blank lines; lines starting "- " are bullets; {{field}} placeholders
    tables: z.array(TemplateTable).default([]),
  })
  .strict();
export type TemplateSection = z.infer<typeof TemplateSection>;

/** Units a required figure is written in, in a knowledge document's text (3.0%以上, ＋30円以上, 年1回以上, 2/3). */
export const REQUIREMENT_UNITS = ['%', '円', '回', '社', '人', 'fraction'] as const;
export type RequirementUnit = (typeof REQUIREMENT_UNITS)[number];

/** A requirement stated in a knowledge document: the first line holding every `contains` term (and a figure in `unit`). */
export const RequirementRef = z
  .object({
    doc: DocId,
    contains: z.array(Text).min(1),
    unit: z.enum(REQUIREMENT_UNITS).optional(), // absent: the line is quoted, no figure is read
    near: Text.optional(), // several figures on the line: the one closest to this word
  })
  .strict();
export type RequirementRef = z.infer<typeof RequirementRef>;

const CheckCommon = { id: CheckId, label: Text, requirement: RequirementRef, note: Text.optional() };

export const TemplateCheck = z.discriminatedUnion('type', [
  /** 年平均成長率 from a base-year and a target-year value over `years`, at least the required %. */
  z.object({ type: z.literal('growth'), ...CheckCommon, base: FieldId, target: FieldId, years: FieldId }).strict(),
  /** value − reference at least the required amount (事業所内最低賃金 − 地域別最低賃金 ≥ 30円). */
  z.object({ type: z.literal('difference'), ...CheckCommon, value: FieldId, reference: FieldId }).strict(),
  /** A count (a number, or the items of a list plus the owner's own company) at least the required one. */
  z.object({ type: z.literal('at_least'), ...CheckCommon, value: FieldId, count_self: z.boolean().default(false) }).strict(),
  z.object({ type: z.literal('at_most'), ...CheckCommon, value: FieldId }).strict(),
  /** value at most `of` × the required share (補助金申請額 ≤ 経費 × 2/3). */
  z.object({ type: z.literal('share'), ...CheckCommon, value: FieldId, of: FieldId }).strict(),
  /** Parts the document says must all be written. */
  z.object({ type: z.literal('filled'), ...CheckCommon, fields: z.array(FieldId).min(1) }).strict(),
]);
export type TemplateCheck = z.infer<typeof TemplateCheck>;

/** A reminder for the checklist, in the template's words, with the passage of a document that supports it. */
export const TemplateReminder = z.object({ text: Text, doc: DocId, quote: Text }).strict();
export type TemplateReminder = z.infer<typeof TemplateReminder>;

export const DraftTemplate = z
  .object({
    kind: z.enum(DRAFT_KINDS),
    title: Text,
    label: Text.max(MAX_OPTION_LABEL, `keep the label within ${MAX_OPTION_LABEL} characters (it is a button)`),
    aliases: z.array(Text).default([]), // what owners call it when they type which draft they want
    program: DocId, // the program the draft is for: its requirements, prerequisites and rounds are quoted
    references: z.array(DocId).default([]), // further documents the text and guidance follow
    fields: z.array(TemplateField).min(1),
    sections: z.array(TemplateSection).min(1),
    checks: z.array(TemplateCheck).default([]),
    reminders: z.array(TemplateReminder).default([]),
  })
  .strict();
export type DraftTemplate = z.infer<typeof DraftTemplate>;
