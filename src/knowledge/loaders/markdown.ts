// Markdown with YAML front matter → KnowledgeDoc. The front matter is validated by zod;
// every problem names the file and the field.
import { FrontMatter, type KnowledgeDoc } from '../../domain/knowledge.ts';
import { ErrorCode, TsunaguError } from '../../domain/errors.ts';
import { parseYamlWith } from './yaml.ts';

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(source: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const text = source.replace(/^\uFEFF/, '');
  const m = FENCE.exec(text);
  if (!m) return undefined;
  const bodyLine = m[0].split('\n').length;
  return { yaml: m[1] ?? '', body: text.slice(m[0].length), bodyLine };
}

export function parseMarkdownDoc(args: { id: string; path: string; source: string; hash: string }): KnowledgeDoc {
  const { id, path, source, hash } = args;
  const parts = splitFrontMatter(source);
  if (!parts) {
    throw new TsunaguError(ErrorCode.KnowledgeInvalid, 'no front matter (the file must start with a --- block)', { file: path });
  }
  const meta = parseYamlWith(path, parts.yaml, FrontMatter, { lineOffset: 1, label: 'front matter' });
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
