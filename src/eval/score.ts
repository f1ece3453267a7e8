// Scores one case (DESIGN §7): every expectation against the reply to the last turn, plus the
// wrong-number check over every answer of the conversation. Pure: the runner supplies the turns.
import type { AssistantTurn, Citation } from '../domain/conversation.ts';
import type { Expectation, LoadedCase } from './cases.ts';
import type { FoundNumber } from './grounding.ts';

export type WrongNumbers = { turn: number; values: FoundNumber[] };

export type CaseResult = {
  id: string;
  file: string;
  line: number;
  tags: string[];
  pass: boolean;
  /** Why it failed, one line per expectation that did not hold. */
  reasons: string[];
  expected: Expectation;
  got: {
    intent: string;
    refusal: boolean;
    escalated: boolean;
    text: string;
    citations: Pick<Citation, 'docId' | 'title'>[];
    partners: string[];
    subsidies: string[];
  };
  /** Present only for the figures this case measures. */
  measures: { citation?: boolean; refusal?: boolean; partnerRecall?: number; wrongNumbers: WrongNumbers[] };
  error?: string;
};

/** The text expectations are matched against: NFKC, all whitespace removed. */
export const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** Every text the owner reads in a turn, one string per line (message texts and card fields). */
export function shownLines(turn: AssistantTurn): string[] {
  return turn.messages.flatMap((m) => [
    ...m.text.split('\n'),
    ...(m.cards ?? []).flatMap((c) => [c.title, c.subtitle ?? '', ...(c.fields ?? []).map(([k, v]) => `${k} ${v}`)].flatMap((s) => s.split('\n'))),
  ]);
}

const cited = (citations: Citation[], docId: string) => citations.some((c) => c.docId === docId || c.docId.startsWith(`${docId}#`));
const list = (xs: string[]) => (xs.length ? xs.join(', ') : '(none)');

function checkRanked(kind: 'partners' | 'subsidies', want: { include: string[]; within?: number }, got: string[], reasons: string[]): number {
  const top = got.slice(0, want.within ?? got.length);
  const missing = want.include.filter((id) => !top.includes(id));
  if (missing.length) reasons.push(`${kind}: ${list(missing)} not among the first ${want.within ?? got.length} (got ${list(got)})`);
  return (want.include.length - missing.length) / want.include.length;
}

export function scoreCase(c: LoadedCase, turns: AssistantTurn[], wrongNumbers: WrongNumbers[]): CaseResult {
  const last = turns.at(-1)!;
  const e = c.expect;
  const text = last.messages.map((m) => m.text).join('\n');
  const hay = squash(text);
  const has = (s: string) => hay.includes(squash(s));
  const reasons: string[] = [];
  const measures: CaseResult['measures'] = { wrongNumbers };

  for (const s of e.include ?? []) if (!has(s)) reasons.push(`include: 「${s}」 not in the answer`);
  for (const group of e.includeAny ?? []) if (!group.some(has)) reasons.push(`includeAny: none of 「${group.join('」「')}」 in the answer`);
  for (const s of e.exclude ?? []) if (has(s)) reasons.push(`exclude: 「${s}」 is in the answer`);

  if (e.cites || e.citesTitle) {
    const before = reasons.length;
    for (const id of e.cites ?? []) if (!cited(last.meta.citations, id)) reasons.push(`cites: ${id} not cited (cited ${list([...new Set(last.meta.citations.map((x) => x.docId))])})`);
    for (const t of e.citesTitle ?? []) if (!last.meta.citations.some((x) => squash(x.title).includes(squash(t)))) reasons.push(`citesTitle: no cited source titled with 「${t}」`);
    measures.citation = reasons.length === before;
  }
  if (e.partners) measures.partnerRecall = checkRanked('partners', e.partners, last.meta.partners, reasons);
  for (const id of e.partnersExclude ?? []) if (last.meta.partners.includes(id)) reasons.push(`partnersExclude: ${id} was suggested`);
  if (e.subsidies) checkRanked('subsidies', e.subsidies, last.meta.subsidies, reasons);
  if (e.intent !== undefined && last.meta.intent !== e.intent) reasons.push(`intent: expected ${e.intent}, got ${last.meta.intent}`);
  const escalated = Boolean(last.meta.escalationId);
  if (e.escalated !== undefined && escalated !== e.escalated) reasons.push(`escalated: expected ${e.escalated}, got ${escalated}`);
  if (e.refusal !== undefined) {
    measures.refusal = last.meta.refusal === e.refusal;
    if (!measures.refusal) reasons.push(`refusal: expected ${e.refusal}, got ${last.meta.refusal}`);
  }
  for (const w of wrongNumbers) reasons.push(`wrong numbers in answer ${w.turn}: ${w.values.map((v) => `${v.text} (${v.kind})`).join(', ')} in no cited source`);

  return {
    id: c.id,
    file: c.file,
    line: c.line,
    tags: c.tags,
    pass: reasons.length === 0,
    reasons,
    expected: e,
    got: {
      intent: last.meta.intent,
      refusal: last.meta.refusal,
      escalated,
      text,
      citations: last.meta.citations.map(({ docId, title }) => ({ docId, title })),
      partners: last.meta.partners,
      subsidies: last.meta.subsidies,
    },
    measures,
  };
}

/** A case that could not run (the assistant threw): failed, with the error as its reason. */
export function erroredCase(c: LoadedCase, error: unknown): CaseResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: c.id,
    file: c.file,
    line: c.line,
    tags: c.tags,
    pass: false,
    reasons: [`error: ${message}`],
    expected: c.expect,
    got: { intent: '', refusal: false, escalated: false, text: '', citations: [], partners: [], subsidies: [] },
    measures: { wrongNumbers: [] },
    error: message,
  };
}
