// YAML validated by a zod schema; problems name the file, the line (syntax) or the field.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ErrorCode, TsunaguError } from '../../domain/errors.ts';

/** Formats a zod issue path as a field name: rounds[2].closes */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

export function zodProblems(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: fieldName(i.path) || '(root)', message: i.message }));
}

/**
 * Parses YAML text and validates it. `lineOffset` is added to YAML syntax error lines (front
 * matter starts on line 2 of its file); `label` prefixes schema problems ("front matter").
 */
export function parseYamlWith<S extends z.ZodType>(file: string, source: string, schema: S, opts: { lineOffset?: number; label?: string } = {}): z.infer<S> {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line + (opts.lineOffset ?? 0) : undefined;
    const label = opts.label ? `${opts.label} is not valid YAML` : 'not valid YAML';
    throw new TsunaguError(ErrorCode.KnowledgeInvalid, `${label}: ${(e as Error).message.split('\n')[0]}`, { file, line }, { cause: e });
  }
  const r = schema.safeParse(data ?? {});
  if (!r.success) {
    const problems = zodProblems(r.error);
    const text = problems.slice(0, 8).map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new TsunaguError(ErrorCode.KnowledgeInvalid, opts.label ? `${opts.label}: ${text}` : text, { file, field: problems[0]?.field });
  }
  return r.data;
}
