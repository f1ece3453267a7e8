// Scoring one case: every expectation kind of DESIGN §7 against the last turn.
import { describe, expect, it } from 'vitest';
import type { AssistantTurn } from '../../../src/domain/conversation.ts';
import type { LoadedCase } from '../../../src/eval/cases.ts';
import { scoreCase } from '../../../src/eval/score.ts';
import { figures, lastLine } from '../../../src/eval/summary.ts';

const turn: AssistantTurn = {
  messages: [{ text: 'ものづくり補助金の補助率は １/２ です。' }, { text: '詳しくは公募要領で。', cards: [{ title: 'カードだけの語' }] }],
  meta: {
    intent: 'subsidy',
    citations: [{ docId: 'subsidies/monozukuri#3', title: 'ものづくり補助金（補助上限額と補助率）', quote: '1/2' }],
    partners: ['P1', 'P2', 'P3'],
    subsidies: ['subsidies/monozukuri'],
    refusal: false,
  },
};
const earlier: AssistantTurn = { messages: [{ text: '前の答え' }], meta: { intent: 'smalltalk', citations: [], partners: [], subsidies: [], refusal: false, escalationId: 'C-1' } };
const kase = (expect: LoadedCase['expect']): LoadedCase => ({ id: 'x', tags: ['t'], turns: ['q'], expect, file: 'f.jsonl', line: 1 });
const score = (expect: LoadedCase['expect']) => scoreCase(kase(expect), [earlier, turn], []);

describe('scoreCase', () => {
  it('passes when every expectation holds (NFKC, spaces ignored, last turn only)', () => {
    const r = score({
      include: ['補助率は1/2'],
      includeAny: [['2分の1', '1/2']],
      exclude: ['前の答え', 'カードだけの語'],
      cites: ['subsidies/monozukuri'],
      citesTitle: ['補助上限額と補助率'],
      partners: { include: ['P2'], within: 2 },
      partnersExclude: ['P9'],
      subsidies: { include: ['subsidies/monozukuri'], within: 1 },
      intent: 'subsidy',
      escalated: false,
      refusal: false,
    });
    expect(r.reasons).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.measures).toMatchObject({ citation: true, refusal: true, partnerRecall: 1 });
  });

  it('names each expectation that fails', () => {
    const r = score({
      include: ['2/3'],
      includeAny: [['半分']],
      exclude: ['1/2'],
      cites: ['subsidies/mono'],
      citesTitle: ['持続化'],
      partners: { include: ['P3', 'P4'], within: 2 },
      partnersExclude: ['P1'],
      subsidies: { include: ['subsidies/jizokuka-ippan'] },
      intent: 'bcp',
      escalated: true,
      refusal: true,
    });
    expect(r.pass).toBe(false);
    expect(r.reasons.map((x) => x.split(':')[0])).toEqual(['include', 'includeAny', 'exclude', 'cites', 'citesTitle', 'partners', 'partnersExclude', 'subsidies', 'intent', 'escalated', 'refusal']);
    expect(r.measures).toMatchObject({ citation: false, refusal: false, partnerRecall: 0 });
  });

  it('fails a case whose answers hold a wrong number, and counts each such answer', () => {
    const r = scoreCase(kase({ intent: 'subsidy' }), [earlier, turn], [{ turn: 2, values: [{ kind: 'amount', text: '999万円' }] }]);
    expect(r.pass).toBe(false);
    expect(r.reasons[0]).toMatch(/999万円/);
    const f = figures([r, score({ refusal: false })]);
    expect(f).toMatchObject({ cases: 2, passed: 1, answer_accuracy: 0.5, citation_accuracy: null, refusal_accuracy: 1, partner_recall: null, wrong_numbers: 1 });
    expect(lastLine(f)).toBe('eval: cases=2 answer_accuracy=0.500 citation_accuracy=n/a refusal_accuracy=1.000 partner_recall=n/a wrong_numbers=1');
  });
});
