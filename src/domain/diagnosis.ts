// Schema of the self-diagnosis question files (knowledge/diagnosis/*.yaml, DESIGN §4).
// One file is one section: its area, order, label and questions. Each question has a type
// (single | multi | number | text), choices with points, strength/issue sentences and
// suggested documents, and next-question rules. The engine runs any file that passes this.
import { z } from 'zod';

/** Ids used in postbacks (diag:<question>:<choice>): kebab-case, so never a colon. */
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Words the engine uses as control postbacks (diag:skip ...); no question may be named so. */
export const RESERVED_IDS = ['skip', 'back', 'restart', 'done', 'quit', 'resume'] as const;

const Id = z.string().regex(ID_PATTERN, 'expected a kebab-case id such as "bcp-hazard"');
const QuestionId = Id.refine((s) => !(RESERVED_IDS as readonly string[]).includes(s), `must not be one of ${RESERVED_IDS.join(', ')}`);
const Text = z.string().trim().min(1);
/** A strength or issue sentence for the result: short, plain Japanese. */
const Sentence = z.string().trim().min(1).max(60, 'keep result sentences within 60 characters');
/** A suggested knowledge document: a subsidy/support doc or a starter project. */
const DocLink = z.string().regex(/^(subsidies|starters)\/[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a doc id such as "subsidies/jigyokei" or "starters/mutual-backup-agreement"');

/** Where to go next: a question id, the first question of the following section, or the end. */
export const NEXT_SECTION = '@next-section';
export const END = '@end';
const Target = z.union([z.literal(NEXT_SECTION), z.literal(END), Id]);

/** Button labels must fit a LINE quick reply (20 characters) with room for the "✓ " of a selected multi choice. */
export const MAX_LABEL = 18;
/** At most 13 buttons per message: control buttons (skip, back, quit, and 決定 for multi) take the rest. */
export const MAX_CHOICES = { single: 10, number: 10, text: 10, multi: 9 } as const;

/** OwnerProfile fields a question can fill. */
export const PROFILE_FIELDS = ['industry', 'employees', 'capitalJpy', 'prefecture', 'bcpCertified'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Figures of the ローカルベンチマーク a number question can collect. */
export const FIGURE_KEYS = [
  'sales',
  'sales_prev',
  'operating_profit',
  'employees',
  'depreciation',
  'interest_bearing_debt',
  'cash',
  'receivables',
  'inventory',
  'payables',
  'net_assets',
  'total_assets',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const DiagnosisChoice = z
  .object({
    id: Id,
    label: Text.max(MAX_LABEL, `keep button labels within ${MAX_LABEL} characters`),
    synonyms: z.array(z.union([Text, z.number().transform(String)])).default([]), // other ways owners type it (9001 is read as a string)
    value: z.union([z.string(), z.number(), z.boolean()]).optional(), // what it sets in the profile
    points: z.number().min(0).default(0),
    strength: Sentence.optional(),
    issue: Sentence.optional(),
    suggest: z.array(DocLink).default([]),
    exclusive: z.boolean().default(false), // multi: 「特になし」, clears the other choices
    if_missing: z // multi: what it means when this item is not selected
      .object({ issue: Sentence.optional(), suggest: z.array(DocLink).default([]) })
      .strict()
      .optional(),
    next: Target.optional(), // single/number/text: where this answer leads
  })
  .strict();
export type DiagnosisChoice = z.infer<typeof DiagnosisChoice>;

export const DiagnosisQuestion = z
  .object({
    id: QuestionId,
    type: z.enum(['single', 'multi', 'number', 'text']),
    prompt: Text,
    hint: Text.optional(), // what is expected, shown with the question and when an answer is not understood
    choices: z.array(DiagnosisChoice).default([]),
    max_points: z.number().positive().optional(), // multi: cap on the sum of the selected points
    unit: z.enum(['count', 'yen']).optional(), // number: how to read the typed answer
    allow_negative: z.boolean().default(false), // number: 営業利益 or 純資産 may be negative
    match: z.enum(['prefecture']).optional(), // text: the answer must name one of the 47 prefectures
    profile: z.enum(PROFILE_FIELDS).optional(), // the answer fills this profile field; known → not asked
    figure: z.enum(FIGURE_KEYS).optional(), // number: a ローカルベンチマーク figure
    next: Target.optional(),
    next_if_skipped: Target.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if ((q.type === 'single' || q.type === 'multi') && q.choices.length < 2) issue(['choices'], `a ${q.type} question needs at least 2 choices`);
    if (q.choices.length > MAX_CHOICES[q.type]) issue(['choices'], `a ${q.type} question has at most ${MAX_CHOICES[q.type]} choices (buttons per message are limited)`);
    if (q.type === 'number' && !q.unit) issue(['unit'], 'a number question needs a unit: count or yen');
    if (q.type !== 'number' && (q.unit || q.figure || q.allow_negative)) issue([q.unit ? 'unit' : q.figure ? 'figure' : 'allow_negative'], 'only number questions take unit, figure or allow_negative');
    if (q.type !== 'text' && q.match) issue(['match'], 'only text questions take match');
    if (q.type !== 'multi' && q.max_points !== undefined) issue(['max_points'], 'only multi questions take max_points');
    const seenIds = new Set<string>();
    const seenLabels = new Set<string>();
    q.choices.forEach((c, i) => {
      if (seenIds.has(c.id)) issue(['choices', i, 'id'], `duplicate choice id "${c.id}"`);
      if (seenLabels.has(c.label)) issue(['choices', i, 'label'], `duplicate choice label "${c.label}"`);
      seenIds.add(c.id);
      seenLabels.add(c.label);
      if (q.type !== 'multi' && (c.exclusive || c.if_missing)) issue(['choices', i, c.exclusive ? 'exclusive' : 'if_missing'], 'only multi questions take exclusive or if_missing');
      if (q.type === 'multi' && c.next) issue(['choices', i, 'next'], 'a multi question cannot branch by choice; use the question next');
    });
  });
export type DiagnosisQuestion = z.infer<typeof DiagnosisQuestion>;

export const DiagnosisSection = z
  .object({
    area: Id, // strengths, labour, market, collaboration, bcp, sdgs, digital ...
    order: z.number().int().min(0),
    label: Text.max(20, 'keep the area label within 20 characters (it is a radar chart axis)'),
    scored: z.boolean().default(true), // false: profile and figure questions, no area score
    intro: Text.optional(), // said once when the section begins
    questions: z.array(DiagnosisQuestion).min(1),
  })
  .strict();
export type DiagnosisSection = z.infer<typeof DiagnosisSection>;
