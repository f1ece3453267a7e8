// Reads a required figure from a knowledge document: the first passage (a front-matter
// requirement or eligibility rule, a rate, or a sentence of the body) that holds every term the
// template names, and the figure in it (3.0%以上, ＋30円以上, 年1回以上, 2社以上, 2/3). The
// rates and amounts a check compares against therefore live in the cited document, never in code.
import type { KnowledgeDoc } from '../domain/knowledge.ts';
import type { RequirementRef, RequirementUnit } from './template.ts';

export type Direction = '以上' | '以下';

/** A requirement as found: the passage (for the citation) and, when a unit was asked for, its figure. */
export type Requirement = {
  docId: string;
  passage: string;
  value?: number; // in the unit's own terms: 3.0 for 3.0%, 30 for 30円, 2/3 for a share
  shown?: string; // as the document writes it: 3.0%, 30円, 2/3
};

const MAX_PASSAGE = 160;

const FIGURE: Record<Exclude<RequirementUnit, 'fraction'>, RegExp> = {
  '%': /(\d+(?:\.\d+)?)\s*%\s*(以上|以下)?/g,
  円: /(\d+(?:,\d{3})*)\s*円\s*(以上|以下)?/g,
  回: /(\d+)\s*回\s*(以上|以下)?/g,
  社: /(\d+)\s*社\s*(以上|以下)?/g,
  人: /(\d+)\s*人\s*(以上|以下)?/g,
};
const FRACTION = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/g;

type Meta = {
  requirements?: string[];
  eligible?: { rules?: string[] };
  rate?: { applies_to: string; rate: string }[];
};

/** The passages of a document a requirement may come from, structured fields first. */
export function passagesOf(doc: KnowledgeDoc): string[] {
  const meta = doc.meta as Meta;
  const body = doc.body
    .split('\n')
    .map((line) => line.replace(/^\s*(?:#+|[-*]|\d+\.|\|)\s*/, '').replace(/\*\*/g, '').trim())
    .filter((line) => line && !/^[-|: ]+$/.test(line))
    .flatMap((line) => line.split(/(?<=。)/).map((s) => s.trim()).filter(Boolean));
  return [
    ...(meta.requirements ?? []),
    ...(meta.eligible?.rules ?? []),
    ...(meta.rate ?? []).map((r) => `補助率 ${r.applies_to} ${r.rate}`),
    ...body,
  ];
}

const fold = (s: string) => s.normalize('NFKC');

function figures(passage: string, unit: RequirementUnit): { value: number; shown: string; direction?: Direction; index: number }[] {
  const text = fold(passage);
  if (unit === 'fraction') {
    return [...text.matchAll(FRACTION)].filter((m) => Number(m[2]) > 0).map((m) => ({ value: Number(m[1]) / Number(m[2]), shown: m[0], index: m.index! }));
  }
  return [...text.matchAll(FIGURE[unit])].map((m) => ({
    value: Number(m[1]!.replace(/,/g, '')),
    shown: `${m[1]}${unit}`,
    direction: m[2] as Direction | undefined,
    index: m.index!,
  }));
}

/**
 * The requirement `ref` points to in `doc`. With `direction`, only a figure stated as 以上 or
 * 以下 counts. Returns the reason as a string when the document does not state it.
 */
export function readRequirement(ref: RequirementRef, doc: KnowledgeDoc, direction?: Direction): Requirement | string {
  const terms = ref.contains.map(fold);
  const lines = passagesOf(doc).filter((p) => terms.every((t) => fold(p).includes(t)));
  if (!lines.length) return `no passage of "${doc.id}" contains ${ref.contains.map((t) => `"${t}"`).join(' and ')}`;
  if (!ref.unit) return { docId: doc.id, passage: clip(lines[0]!) };
  for (const line of lines) {
    const found = figures(line, ref.unit).filter((f) => !direction || ref.unit === 'fraction' || f.direction === direction);
    if (!found.length) continue;
    const at = ref.near ? fold(line).indexOf(fold(ref.near)) : -1;
    const best = at >= 0 ? [...found].sort((a, b) => Math.abs(a.index - at) - Math.abs(b.index - at))[0]! : found[0]!;
    return { docId: doc.id, passage: clip(line), value: best.value, shown: best.shown };
  }
  const what = ref.unit === 'fraction' ? 'share such as 2/3' : `figure in ${ref.unit}${direction ? ` stated as ${direction}` : ''}`;
  return `the passage of "${doc.id}" containing ${ref.contains.map((t) => `"${t}"`).join(' and ')} has no ${what}`;
}

function clip(s: string): string {
  return s.length > MAX_PASSAGE ? `${s.slice(0, MAX_PASSAGE - 1)}…` : s;
}
