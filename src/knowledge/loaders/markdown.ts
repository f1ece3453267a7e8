// Markdown with YAML front matter → KnowledgeDoc. The front matter is validated by zod;
// every problem names the file and the field.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { FrontMatter, type KnowledgeDoc } from '../../domain/knowledge.ts';
import { ErrorCode, TsunaguError } from '../../domain/errors.ts';

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(source: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const text = source.replace(/^\uFEFF/, '');
  const m = FENCE.exec(text);
  if (!m) return undefined;
  const bodyLine = m[0].split('\n').length;
  return { yaml: m[1] ?? '', body: text.slice(m[0].length), bodyLine };
}

/** Formats a zod issue path as a field name: rounds[2].closes */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

export function zodProblems(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: fieldName(i.path) || '(root)', message: i.message }));
}

export function parseMarkdownDoc(args: { id: string; path: string; source: string; hash: string }): KnowledgeDoc {
  const { id, path, source, hash } = args;
  const parts = splitFrontMatter(source);
  if (!parts) {
    throw new TsunaguError(ErrorCode.KnowledgeInvalid, 'no front matter (the file must start with a --- block)', { file: path });
  }
  let data: unknown;
  try {
    data = parseYaml(parts.yaml);
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line + 1 : undefined;
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new TsunaguError(ErrorCode.KnowledgeInvalid, `front matter is not valid YAML: ${reason}`, { file: path, line }, { cause: e });
  }
  const result = FrontMatter.safeParse(data ?? {});
  if (!result.success) {
    const problems = zodProblems(result.error);
    const first = problems[0];
    throw new TsunaguError(
      ErrorCode.KnowledgeInvalid,
      `front matter: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      { file: path, field: first?.field },
    );
  }
  const meta = result.data;
  return {
    id,
    kind: meta.kind,
    title: meta.title,
    sourceUrl: meta.source_url,
    asOf: meta.as_of,
    path,
    body: parts.body,
    meta: meta as Record<string, unknown>,
    hash,
  };
}
