// Eval case files (DESIGN §7): one JSON object per line in `*.jsonl`, validated with zod.
// A malformed line is reported with its file and line number; the other lines still load.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OwnerProfileSchema } from '../domain/conversation.ts';

const Text = z.string().min(1);
const Ids = z.array(Text).min(1);
/** Ids that must appear among the first `within` suggestions (all of them when absent). */
const RankedIds = z.object({ include: Ids, within: z.number().int().min(1).optional() }).strict();

export const Expectation = z
  .object({
    include: z.array(Text).min(1).optional(),
    includeAny: z.array(z.array(Text).min(1)).min(1).optional(),
    exclude: z.array(Text).min(1).optional(),
    cites: Ids.optional(),
    citesTitle: Ids.optional(),
    partners: RankedIds.optional(),
    partnersExclude: Ids.optional(),
    subsidies: RankedIds.optional(),
    intent: Text.optional(),
    escalated: z.boolean().optional(),
    refusal: z.boolean().optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, 'expect needs at least one expectation');
export type Expectation = z.infer<typeof Expectation>;

const Turn = z.union([z.string().trim().min(1), z.object({ postback: Text }).strict()]);

export const EvalCase = z
  .object({
    id: Text,
    tags: z.array(Text).default([]),
    profile: OwnerProfileSchema.optional(),
    turns: z.array(Turn).min(1),
    expect: Expectation,
    /** Free text for the case's author: why the expectation is what it is. Not scored. */
    note: z.string().optional(),
  })
  .strict();
export type EvalCase = z.infer<typeof EvalCase>;
export type CaseTurn = z.infer<typeof Turn>;

/** A case with where it came from, for reports. */
export type LoadedCase = EvalCase & { file: string; line: number };
export type CaseProblem = { file: string; line: number; message: string };

/** `*.jsonl` files under the given files or folders, sorted, each once. */
export function listCaseFiles(paths: string[]): { files: string[]; problems: CaseProblem[] } {
  const files = new Set<string>();
  const problems: CaseProblem[] = [];
  const walk = (p: string) => {
    for (const name of readdirSync(p).sort()) {
      const full = path.join(p, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.jsonl')) files.add(full);
    }
  };
  for (const p of paths) {
    const full = path.resolve(p);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      problems.push({ file: p, line: 0, message: 'no such file or folder' });
      continue;
    }
    if (isDir) walk(full);
    else files.add(full);
  }
  return { files: [...files], problems };
}

/** Parses one case file's text. Blank lines and lines starting with `//` are skipped. */
export function parseCases(text: string, file: string): { cases: LoadedCase[]; problems: CaseProblem[] } {
  const cases: LoadedCase[] = [];
  const problems: CaseProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.trimStart().startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      problems.push({ file, line, message: `not valid JSON (${(e as Error).message})` });
      return;
    }
    const parsed = EvalCase.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? issue.path.join('.') : 'case';
      problems.push({ file, line, message: `${where}: ${issue.message}` });
      return;
    }
    cases.push({ ...parsed.data, file, line });
  });
  return { cases, problems };
}

/** Loads every case under the paths; a duplicate id is a problem on its second occurrence. */
export function loadCases(paths: string[]): { cases: LoadedCase[]; problems: CaseProblem[] } {
  const listed = listCaseFiles(paths);
  const problems = [...listed.problems];
  const cases: LoadedCase[] = [];
  const seen = new Map<string, LoadedCase>();
  for (const file of listed.files) {
    const parsed = parseCases(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
    problems.push(...parsed.problems);
    for (const c of parsed.cases) {
      const first = seen.get(c.id);
      if (first) {
        problems.push({ file: c.file, line: c.line, message: `id "${c.id}" is already used at ${first.file}:${first.line}` });
        continue;
      }
      seen.set(c.id, c);
      cases.push(c);
    }
  }
  return { cases, problems };
}
