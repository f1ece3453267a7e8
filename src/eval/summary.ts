// The figures of DESIGN §7, over all cases and per tag: answer accuracy over every case, the
// other figures over the cases that carry that expectation (null = no case measures it).
import type { CaseResult } from './score.ts';

export type Figures = {
  cases: number;
  passed: number;
  answer_accuracy: number | null;
  citation_accuracy: number | null;
  refusal_accuracy: number | null;
  partner_recall: number | null;
  /** Answers holding an amount, rate or date that none of their cited sources holds. */
  wrong_numbers: number;
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function figures(results: CaseResult[]): Figures {
  const citing = results.filter((r) => r.expected.cites || r.expected.citesTitle);
  const refusing = results.filter((r) => r.expected.refusal !== undefined);
  const partnering = results.filter((r) => r.expected.partners);
  const passed = results.filter((r) => r.pass).length;
  return {
    cases: results.length,
    passed,
    answer_accuracy: results.length ? passed / results.length : null,
    citation_accuracy: mean(citing.map((r) => (r.measures.citation ? 1 : 0))),
    refusal_accuracy: mean(refusing.map((r) => (r.measures.refusal ? 1 : 0))),
    partner_recall: mean(partnering.map((r) => r.measures.partnerRecall ?? 0)),
    wrong_numbers: results.reduce((n, r) => n + r.measures.wrongNumbers.length, 0),
  };
}

/** Figures per tag, tags in alphabetical order. */
export function figuresByTag(results: CaseResult[]): { tag: string; figures: Figures }[] {
  const tags = [...new Set(results.flatMap((r) => r.tags))].sort();
  return tags.map((tag) => ({ tag, figures: figures(results.filter((r) => r.tags.includes(tag))) }));
}

export const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** The contract's last line. */
export function lastLine(f: Figures): string {
  return (
    `eval: cases=${f.cases} answer_accuracy=${fmt(f.answer_accuracy)} citation_accuracy=${fmt(f.citation_accuracy)} ` +
    `refusal_accuracy=${fmt(f.refusal_accuracy)} partner_recall=${fmt(f.partner_recall)} wrong_numbers=${f.wrong_numbers}`
  );
}
