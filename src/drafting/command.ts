// `tsunagu draft --kind KIND --profile FILE --out DIR` (DESIGN §6): reads an OwnerProfile JSON
// file (optionally with "answers": {fieldId: value}), fills the kind's template from the
// configured knowledge (no network, no LLM) and writes <kind>.md and <kind>.docx to DIR. A bad
// flag, kind or file exits with status 2 and a message naming the flag or field.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCatalog } from '../assistant/catalog.ts';
import type { Config } from '../config.ts';
import { jstDate } from '../domain/calendar.ts';
import { describeProblem } from '../domain/errors.ts';
import { OwnerProfileSchema } from '../domain/conversation.ts';
import { IsoDate } from '../domain/knowledge.ts';
import { fieldName } from '../knowledge/loaders/yaml.ts';
import { renderDocx } from './docx.ts';
import { cliText } from './drafting.ja.ts';
import { fillDraft } from './fill.ts';
import { DRAFT_KINDS, isDraftKind, type DraftKind } from './kinds.ts';
import { renderMarkdown } from './markdown.ts';
import { loadTemplate, type LoadedTemplate } from './templates.ts';
import { coerceAnswer, type DraftInput, type FieldValue } from './values.ts';

export const DRAFT_USAGE = `usage: tsunagu draft --kind KIND --profile FILE --out DIR [--today YYYY-MM-DD]
  --kind     ${DRAFT_KINDS.join(' | ')}
  --profile  an OwnerProfile JSON file (DESIGN §3), optionally with "answers": {"fieldId": value}
             (the field ids are those of knowledge/templates/KIND.yaml)
  --out      the folder to write KIND.md and KIND.docx to (created if missing)
  --today    the date the draft is made on (default: today in Japan); decides the next deadline`;

/** The profile file: the OwnerProfile fields, plus the answers; nothing else. */
export const ProfileFile = z.object({ ...OwnerProfileSchema.shape, answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional() }).strict();

class UsageError extends Error {}

function parse(args: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { kind: { type: 'string' }, profile: { type: 'string' }, out: { type: 'string' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return { help: true as const };
  if (!values.kind) throw new UsageError(`--kind: missing; expected one of ${DRAFT_KINDS.join(', ')}`);
  if (!isDraftKind(values.kind)) throw new UsageError(`--kind: expected one of ${DRAFT_KINDS.join(', ')}, got "${values.kind}"`);
  if (!values.profile) throw new UsageError('--profile: missing; expected the path of an OwnerProfile JSON file');
  if (!values.out) throw new UsageError('--out: missing; expected the folder to write the draft to');
  if (values.today !== undefined && !IsoDate.safeParse(values.today).success) throw new UsageError(`--today: expected a date as YYYY-MM-DD, got "${values.today}"`);
  return { help: false as const, kind: values.kind, profile: values.profile, out: values.out, today: values.today };
}

/** The profile file, checked field by field. */
function readProfileFile(file: string): z.infer<typeof ProfileFile> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--profile: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--profile: ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const r = ProfileFile.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => fieldName([...issue.path, k])) : [];
    const field = keys.length ? keys.join(', ') : fieldName(issue.path) || '(root)';
    throw new UsageError(`--profile: ${file}: ${field}: ${issue.message}`);
  }
  return r.data;
}

/** The answers as the template's fields read them; an unknown field or an unreadable value is an error naming it. */
function readAnswers(template: LoadedTemplate, raw: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [id, value] of Object.entries(raw)) {
    const field = template.fields.find((f) => f.id === id);
    if (!field) throw new UsageError(`--profile: answers.${id}: not a field of the ${template.kind} template (fields: ${template.fields.map((f) => f.id).join(', ')})`);
    const v = coerceAnswer(field, value);
    if (v === undefined) throw new UsageError(`--profile: answers.${id}: expected ${EXPECTED[field.type]}, got ${JSON.stringify(value)}`);
    out[id] = v;
  }
  return out;
}

const EXPECTED: Record<LoadedTemplate['fields'][number]['type'], string> = {
  text: 'a text',
  list: 'a list of texts (an array, or one text separated by 「、」)',
  number: 'a number of 0 or more, such as 3',
  money: 'an amount of money, such as 30000000 or "3000万円"',
  percent: 'a percentage, such as 3.5 or "3.5%"',
  date: 'a date such as "2027-04" or "2027年4月1日"',
};

export async function draftCommand(config: Config, args: string[], out = process.stdout, err = process.stderr, clock = () => new Date()): Promise<number> {
  let opts: Exclude<ReturnType<typeof parse>, { help: true }>;
  let file: z.infer<typeof ProfileFile>;
  try {
    const parsed = parse(args);
    if (parsed.help) {
      out.write(`${DRAFT_USAGE}\n`);
      return 0;
    }
    opts = parsed;
    file = readProfileFile(opts.profile);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.write(`tsunagu draft: ${e.message}\n\n${DRAFT_USAGE}\n`);
    return 2;
  }
  const catalog = await loadCatalog(config.knowledgeDirs, config.registryFile);
  for (const p of catalog.problems) err.write(`knowledge: ${describeProblem(p)} (skipped; the rest was loaded)\n`);
  const kind: DraftKind = opts.kind;
  const template = loadTemplate(config.knowledgeDirs, kind, catalog.docs);
  const { answers: rawAnswers, ...profile } = file;
  let answers: Record<string, FieldValue>;
  try {
    answers = readAnswers(template, rawAnswers ?? {});
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.write(`tsunagu draft: ${e.message}\n`);
    return 2;
  }
  const input: DraftInput = { profile, answers };
  const draft = fillDraft(template, input, { today: opts.today ?? jstDate(clock()), sources: catalog.docs });
  mkdirSync(opts.out, { recursive: true });
  const md = path.join(opts.out, `${kind}.md`);
  const docx = path.join(opts.out, `${kind}.docx`);
  writeFileSync(md, renderMarkdown(draft));
  writeFileSync(docx, await renderDocx(draft));
  out.write(`${cliText.wrote(md)}\n${cliText.wrote(docx)}\n${cliText.missing(draft.missing.length)}\n`);
  return 0;
}
