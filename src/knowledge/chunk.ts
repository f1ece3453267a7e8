// Japanese-aware chunking: a heading always starts a new chunk and names its section;
// tables are flattened row by row with their column names, so a row keeps its meaning
// wherever it lands; long paragraphs are cut at sentence ends, never mid-sentence.
import type { Chunk, KnowledgeDoc } from '../domain/knowledge.ts';
import type { Analysis, JapaneseAnalyzer } from './tokenize.ts';

export const CHUNK_TARGET_CHARS = 450;
export const CHUNK_MAX_CHARS = 700;

/** Splits Japanese text into sentences at 。！？ and line breaks, keeping the punctuation. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Markdown inline markup → plain text. */
export function stripInline(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim();
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => stripInline(c.trim()));
}

/** A Markdown table → one line per data row: "枠: 通常枠／上限: 50万円". */
export function flattenTable(lines: string[]): string[] {
  const isSeparator = (l: string) => /^\s*\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?\s*$/.test(l);
  const [header, ...data] = lines.filter((l) => !isSeparator(l));
  if (!header) return [];
  const names = tableCells(header);
  if (!data.length) return [names.join('／')];
  return data.map((row) =>
    tableCells(row)
      .map((cell, i) => (names[i] ? `${names[i]}: ${cell || '―'}` : cell))
      .filter(Boolean)
      .join('／'),
  );
}

type Block = { lines: string[] };
type Section = { path: string; blocks: Block[] };

/** Parses a Markdown body into sections (by ## and deeper headings) of plain-text blocks. */
export function markdownSections(body: string): Section[] {
  const sections: Section[] = [];
  const stack: string[] = [];
  let current: Section = { path: '', blocks: [] };
  let para: string[] = [];
  let table: string[] = [];
  let inFence = false;
  const flushPara = () => {
    if (para.length) current.blocks.push({ lines: [para.join('')] });
    para = [];
  };
  const flushTable = () => {
    if (table.length) current.blocks.push({ lines: flattenTable(table) });
    table = [];
  };
  const startSection = (level: number, title: string) => {
    flushPara();
    flushTable();
    if (current.blocks.length) sections.push(current);
    stack.length = Math.max(0, level - 2);
    stack.push(title);
    current = { path: stack.filter(Boolean).join(' > '), blocks: [] };
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (line.trim()) current.blocks.push({ lines: [line.trim()] });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      if (level === 1) {
        flushPara();
        flushTable();
        continue; // the H1 repeats the document title
      }
      startSection(level, stripInline(heading[2]!));
      continue;
    }
    if (/^\s*\|/.test(line)) {
      flushPara();
      table.push(line);
      continue;
    }
    flushTable();
    if (!line.trim()) {
      flushPara();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushPara();
      current.blocks.push({ lines: [`・${stripInline(item[1]!)}`] });
      continue;
    }
    if (/^\s*>/.test(line)) {
      para.push(stripInline(line.replace(/^\s*>\s?/, '')));
      continue;
    }
    para.push(stripInline(line.trim()));
  }
  flushPara();
  flushTable();
  if (current.blocks.length) sections.push(current);
  return sections;
}

/** Cuts one over-long line at sentence ends so that no piece exceeds the maximum. */
function splitLongLine(line: string): string[] {
  if (line.length <= CHUNK_MAX_CHARS) return [line];
  const pieces: string[] = [];
  let buf = '';
  for (const s of splitSentences(line)) {
    if (buf && buf.length + s.length > CHUNK_TARGET_CHARS) {
      pieces.push(buf);
      buf = '';
    }
    buf += s;
  }
  if (buf) pieces.push(buf);
  return pieces.flatMap((p) => (p.length > CHUNK_MAX_CHARS ? p.match(new RegExp(`[\\s\\S]{1,${CHUNK_MAX_CHARS}}`, 'g')) ?? [] : [p]));
}

/** Packs a section's lines into passages near the target size. */
function packSection(lines: string[]): string[] {
  const passages: string[] = [];
  let buf: string[] = [];
  let size = 0;
  for (const line of lines.flatMap(splitLongLine)) {
    if (buf.length && size + line.length > CHUNK_TARGET_CHARS) {
      passages.push(buf.join('\n'));
      buf = [];
      size = 0;
    }
    buf.push(line);
    size += line.length + 1;
  }
  if (buf.length) passages.push(buf.join('\n'));
  return passages;
}

export function chunkMarkdown(doc: Pick<KnowledgeDoc, 'id' | 'kind' | 'title' | 'body' | 'sourceUrl' | 'asOf' | 'meta'>): Chunk[] {
  const chunks: Chunk[] = [];
  const aliases = Array.isArray(doc.meta.aliases) ? (doc.meta.aliases as string[]) : [];
  for (const section of markdownSections(doc.body)) {
    const lines = section.blocks.flatMap((b) => b.lines).filter((l) => l.trim());
    for (const text of packSection(lines)) {
      chunks.push({
        id: `${doc.id}#${chunks.length}`,
        docId: doc.id,
        kind: doc.kind,
        title: doc.title,
        section: section.path,
        text,
        sourceUrl: doc.sourceUrl,
        asOf: doc.asOf,
        ...(aliases.length ? { keywords: aliases } : {}),
      });
    }
  }
  return chunks;
}

/** What a passage is about: its title, aliases and section (indexed as a field of its own). */
export function headText(chunk: Chunk): string {
  return [chunk.title, chunk.keywords?.join(' '), chunk.section].filter(Boolean).join('\n');
}

/** The text that is indexed for a chunk: title and section give every passage its context. */
export function indexText(chunk: Chunk): string {
  return [headText(chunk), chunk.text].join('\n');
}

/** The analysis stored for a passage: its full text, plus the words of its head. */
export function analyzeChunk(analyzer: JapaneseAnalyzer, chunk: Chunk): Analysis {
  return { ...analyzer.analyze(indexText(chunk)), head: analyzer.analyze(headText(chunk)).words };
}
