// The CI gate (issue 4): the dev set in eval/cases runs through the real assistant on the real
// knowledge base, and each figure must reach the threshold committed in eval/thresholds.json.
// Thresholds start at a measured value and only ever go up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { runEval, type EvalReport } from '../../src/eval/run.ts';
import { tempDir } from '../helpers/fixtures.ts';

type Thresholds = {
  today: string;
  answer_accuracy: number;
  citation_accuracy: number;
  refusal_accuracy: number;
  partner_recall: number;
  max_wrong_numbers: number;
};
const thresholds = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'eval', 'thresholds.json'), 'utf8')) as Thresholds;

const tmp = tempDir();
let report: EvalReport;
beforeAll(async () => {
  const config = loadConfig({ TSUNAGU_DATA_DIR: tmp.dir });
  report = await runEval(config, { cases: [path.join(PROJECT_ROOT, 'eval', 'cases')], today: thresholds.today });
}, 300_000);
afterAll(() => tmp.cleanup());

describe(`dev set (eval/cases, today ${thresholds.today})`, () => {
  it('has at least 150 well-formed cases, each referring to documents and companies that exist', () => {
    expect(report.problems.caseFiles).toEqual([]);
    expect(report.problems.references).toEqual([]);
    expect(report.problems.knowledge).toEqual([]);
    expect(report.summary.cases).toBeGreaterThanOrEqual(150);
  });

  it('at least a third of the cases are written as owners talk', () => {
    const ownerStyle = ['colloquial', 'dialect', 'typo', 'kana', 'halfwidth', 'man-oku', 'abbrev'];
    const share = report.cases.filter((c) => c.tags.some((t) => ownerStyle.includes(t))).length / report.cases.length;
    expect(share).toBeGreaterThanOrEqual(1 / 3);
  });

  const figures = ['answer_accuracy', 'citation_accuracy', 'refusal_accuracy', 'partner_recall'] as const;
  it.each(figures)('%s reaches its committed threshold', (name) => {
    const failing = report.cases.filter((c) => !c.pass).map((c) => `${c.id}: ${c.reasons[0]}`);
    expect(report.summary[name] ?? 0, `${name}; failing cases:\n${failing.join('\n')}`).toBeGreaterThanOrEqual(thresholds[name]);
  });

  it('states no number that its cited sources do not hold', () => {
    const wrong = report.cases.filter((c) => c.measures.wrongNumbers.length).map((c) => `${c.id}: ${c.reasons.find((r) => r.startsWith('wrong'))}`);
    expect(report.summary.wrong_numbers, wrong.join('\n')).toBeLessThanOrEqual(thresholds.max_wrong_numbers);
  });
});
