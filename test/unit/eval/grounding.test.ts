// The wrong-number check: values are compared (not spellings) against the cited sources, and
// only the labelled exemptions pass without a source.
import { describe, expect, it } from 'vitest';
import { sourceFacts, unsupportedNumbers } from '../../../src/eval/grounding.ts';
import { subsidyMessages } from '../../../src/assistant/skills/subsidies.ja.ts';

const SOURCE = [
  '---',
  'max_amount_jpy:',
  '  - track: 通常枠',
  '    amount: 7500000',
  'rate:',
  '  - rate: "1/2"',
  'rounds:',
  '  - name: 第20回',
  '    closes: "2026-12-15 17:00"',
  '---',
  '補助上限額は1,250万円です。賃上げ率は3%以上。令和8年4月1日から受付。',
].join('\n');
const facts = sourceFacts([SOURCE]);
const bad = (line: string, today?: string) => unsupportedNumbers([line], facts, today).map((v) => `${v.kind}:${v.text}`);

describe('unsupportedNumbers', () => {
  it('accepts a figure the source holds in another spelling', () => {
    expect(bad('上限は750万円、補助率は2分の1です。')).toEqual([]);
    expect(bad('上限は1250万円（1,250万円）です。')).toEqual([]);
    expect(bad('締切は2026年12月15日 17:00、12月15日までです。')).toEqual([]);
    expect(bad('受付は2026年4月1日からです。')).toEqual([]); // 令和8年 in the source
    expect(bad('賃上げは3%以上、補助率は50%です。')).toEqual([]); // 1/2 = 50%
  });

  it('reads 万/億 amounts written without 円 in a source (an owner\'s 「年商40億」)', () => {
    const owner = sourceFacts(['売上40億で、1億5000万くらい投資したい']);
    expect(unsupportedNumbers(['売上高40億円、投資額1億5000万円'], owner)).toEqual([]);
    expect(unsupportedNumbers(['売上高4億円'], owner).map((v) => v.text)).toEqual(['4億円']);
  });

  it('reports an amount, a rate or a date no source holds', () => {
    expect(bad('上限は999万円、補助率は3/4、締切は2026年12月20日です。')).toEqual(['date:2026年12月20日', 'amount:999万円', 'rate:3/4']);
    expect(bad('補助率は7割です。')).toEqual(['rate:7割']);
    expect(bad('1億円まで出ます。')).toEqual(['amount:1億円']);
  });

  it('exempts the clock, labelled start-by dates, input examples and counters', () => {
    expect(bad('今日（2026年11月21日）時点の情報です。', '2026-11-21')).toEqual([]);
    expect(bad('今日（2026年11月21日）時点の情報です。')).toEqual(['date:2026年11月21日']);
    const startBy = `GビズID：${subsidyMessages.startBy('2026年12月1日')}（${subsidyMessages.computedLabel}）`;
    expect(bad(startBy)).toEqual([]);
    // the same date without the label is a claim
    expect(bad('GビズIDは2026年12月1日までに取ってください。')).toEqual(['date:2026年12月1日']);
    expect(bad('金額を入力してください（例：1000万円、3千万円）。')).toEqual([]);
    expect(bad('〔会社の基本情報〕（3/58）')).toEqual([]);
  });
});
