// The consistency checks: the arithmetic (年平均 growth, differences, counts, shares) against
// the figure the cited document states, and what a check says when a figure is missing.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';
import type { KnowledgeDoc } from '../../../src/domain/knowledge.ts';
import { computeCheck, growthRate } from '../../../src/drafting/checks.ts';
import { readRequirement } from '../../../src/drafting/requirements.ts';
import { TemplateCheck, TemplateField } from '../../../src/drafting/template.ts';
import type { FieldValue } from '../../../src/drafting/values.ts';

const doc = (requirements: string[], body = ''): KnowledgeDoc => ({
  id: 'subsidies/test-program',
  kind: 'subsidy',
  title: 'テスト補助金',
  path: '/nowhere.md',
  body,
  meta: { requirements, rate: [{ applies_to: '通常枠', rate: '2/3' }] },
  hash: '',
});

const FIELDS = [
  { id: 'base', type: 'money', label: '付加価値額（直近）' },
  { id: 'target', type: 'money', label: '付加価値額（目標）' },
  { id: 'years', type: 'number', label: '計画の年数', unit: '年' },
  { id: 'lowest', type: 'money', label: '事業所内最低賃金', bare_yen: true },
  { id: 'regional', type: 'money', label: '地域別最低賃金', bare_yen: true },
  { id: 'partners', type: 'list', label: '連携する事業者' },
  { id: 'employees', type: 'number', label: '従業員数', unit: '人' },
  { id: 'request', type: 'money', label: '申請額' },
  { id: 'expenses', type: 'money', label: '経費' },
  { id: 'role', type: 'text', label: '地域での役割' },
].map((f) => TemplateField.parse({ question: '？', why: '理由', ...f }));

function run(check: Record<string, unknown>, values: Record<string, FieldValue>, source: KnowledgeDoc) {
  return computeCheck(TemplateCheck.parse({ id: 'c', label: '確かめ', ...check }), {
    field: (id) => FIELDS.find((f) => f.id === id)!,
    value: (id) => values[id],
    doc: () => source,
  });
}

const growth = { type: 'growth', base: 'base', target: 'target', years: 'years', requirement: { doc: 'subsidies/test-program', contains: ['付加価値額'], unit: '%' } };
const threePercent = doc(['付加価値額の年平均成長率を3.0%以上にする']);

describe('growth checks (年平均成長率)', () => {
  it('meets the rate the document states, showing the rate and how it was computed', () => {
    // 1,000万円 → 1,200万円 over 3 years: 1.2^(1/3) − 1 = 6.265…%
    const r = run(growth, { base: 10_000_000, target: 12_000_000, years: 3 }, threePercent);
    expect(r.status).toBe('meets');
    expect(r.lines[0]).toBe('確かめ：年平均 6.26%（要件：3.0%以上）→ 満たしています');
    expect(r.lines[1]).toContain('1,000万円');
    expect(r.lines[1]).toContain('1,200万円');
    expect(r.computed).toEqual([{ kind: 'rate', value: 0.0626, text: '6.26%' }]);
  });

  it('misses it, and says what the target year value would have to be', () => {
    // 1,000万円 → 1,050万円 over 5 years: 0.98%; 1,000万円 × 1.03^5 = 1,159.27…万円 → 1,160万円
    const r = run(growth, { base: 10_000_000, target: 10_500_000, years: 5 }, threePercent);
    expect(r.status).toBe('misses');
    expect(r.lines[0]).toContain('年平均 0.98%');
    expect(r.lines.join('\n')).toContain('5年後の値がおよそ1,160万円以上必要です（計算値）');
    expect(r.computed.map((c) => c.value)).toEqual([0.0098, 11_600_000]);
  });

  it('reads the required rate from the document, not from code', () => {
    const values = { base: 10_000_000, target: 12_000_000, years: 3 };
    expect(run(growth, values, doc(['付加価値額の年平均成長率を5.0%以上にする'])).status).toBe('meets');
    const stricter = run(growth, values, doc(['付加価値額の年平均成長率を7.0%以上にする']));
    expect(stricter.status).toBe('misses');
    expect(stricter.lines[0]).toContain('要件：7.0%以上');
  });

  it('cannot compute without every figure, and says which are missing', () => {
    const r = run(growth, { base: 10_000_000 }, threePercent);
    expect(r.status).toBe('incomplete');
    expect(r.needs).toEqual(['付加価値額（目標）', '計画の年数']);
    expect(r.lines.join('\n')).toContain('計算に必要な値：付加価値額（目標）、計画の年数');
    expect(r.computed).toEqual([]);
  });

  it('does not compute a rate from a base of zero or less', () => {
    const r = run(growth, { base: -1_000_000, target: 5_000_000, years: 3 }, threePercent);
    expect(r.status).toBe('incomplete');
    expect(r.lines.join('\n')).toContain('0以下');
  });

  it('matches the textbook formula', () => {
    expect(growthRate(100, 121, 2)).toBeCloseTo(0.1, 12);
  });
});

describe('other checks', () => {
  const minWage = doc(['事業所内最低賃金を毎年、事業実施都道府県の最低賃金＋30円以上にする']);
  const difference = { type: 'difference', value: 'lowest', reference: 'regional', requirement: { doc: 'x/y', contains: ['事業所内最低賃金'], unit: '円' } };

  it('compares a difference with the document\'s amount', () => {
    const ok = run(difference, { lowest: 1100, regional: 1050 }, minWage);
    expect(ok.status).toBe('meets');
    expect(ok.lines[0]).toBe('確かめ：1,100円 − 1,050円 = 50円（要件：30円以上）→ 満たしています');
    const short = run(difference, { lowest: 1070, regional: 1050 }, minWage);
    expect(short.status).toBe('misses');
    expect(short.lines.join('\n')).toContain('あと10円の引上げが必要です');
  });

  it('counts the listed partners plus the owner\'s own company', () => {
    const rule = doc([], '2社以上の中小企業が連携して計画をつくります。');
    const check = { type: 'at_least', value: 'partners', count_self: true, requirement: { doc: 'x/y', contains: ['連携して'], unit: '社' } };
    expect(run(check, { partners: ['高橋工業'] }, rule).lines[0]).toContain('当社を含めて2社（要件：2社以上）→ 満たしています');
    expect(run(check, { partners: [] }, rule).status).toBe('incomplete');
  });

  it('checks an upper limit and a share of the expenses', () => {
    const small = doc(['製造業その他は常時使用する従業員20人以下、商業・サービス業は5人以下']);
    const atMost = { type: 'at_most', value: 'employees', requirement: { doc: 'x/y', contains: ['製造業その他'], unit: '人', near: '製造業その他' } };
    expect(run(atMost, { employees: 20 }, small).status).toBe('meets');
    expect(run(atMost, { employees: 21 }, small).status).toBe('misses');
    const share = { type: 'share', value: 'request', of: 'expenses', requirement: { doc: 'x/y', contains: ['補助率 通常枠'], unit: 'fraction' } };
    // 75万円 × 2/3 = 50万円
    const within = run(share, { request: 500_000, expenses: 750_000 }, doc([]));
    expect(within.status).toBe('meets');
    expect(within.lines[0]).toContain('75万円 × 2/3 = 50万円');
    expect(run(share, { request: 510_000, expenses: 750_000 }, doc([])).status).toBe('misses');
  });

  it('lists the parts that must be written and are not', () => {
    const rule = doc(['地域で担う役割を必ず書くこと']);
    const check = { type: 'filled', fields: ['role'], requirement: { doc: 'x/y', contains: ['必ず書く'] } };
    const missing = run(check, {}, rule);
    expect(missing.status).toBe('incomplete');
    expect(missing.lines.join('\n')).toContain('まだ書かれていない項目：地域での役割');
    expect(run(check, { role: '地元の雇用' }, rule).status).toBe('meets');
  });
});

describe('requirements in the real knowledge', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
  });

  it('finds the figures the built-in templates compare against, as the documents write them', () => {
    const monozukuri = catalog.docs.get('subsidies/monozukuri')!;
    const read = (contains: string[], unit: '%' | '円', near?: string) => readRequirement({ doc: monozukuri.id, contains, unit, ...(near ? { near } : {}) }, monozukuri, '以上');
    expect(read(['付加価値額', '年平均成長率'], '%')).toMatchObject({ value: 3, shown: '3.0%' });
    expect(read(['23次：', '1人あたり給与支給総額'], '%')).toMatchObject({ value: 3.5, shown: '3.5%' });
    expect(read(['事業所内最低賃金を毎年'], '円')).toMatchObject({ value: 30, shown: '30円' });
    const jigyokei = catalog.docs.get('subsidies/jigyokei')!;
    expect(readRequirement({ doc: jigyokei.id, contains: ['訓練・教育', '計画見直し'], unit: '回', near: '計画見直し' }, jigyokei, '以上')).toMatchObject({ value: 1 });
    expect(readRequirement({ doc: jigyokei.id, contains: ['存在しない要件'], unit: '回' }, jigyokei)).toMatch(/no passage/);
  });
});

describe('rounding of shown rates', () => {
  it('never shows a rate higher than computed, nor lower by float error', () => {
    // 1.03^3 = 1.092727: exactly 3% a year over 3 years
    expect(run(growth, { base: 1_000_000_000, target: 1_092_727_000, years: 3 }, threePercent).lines[0]).toContain('年平均 3.00%');
    // a shrinking plan: 1,000万円 → 900万円 over 2 years = −5.13…% a year, shown as −5.14%
    const down = run(growth, { base: 10_000_000, target: 9_000_000, years: 2 }, threePercent);
    expect(down.lines[0]).toContain('年平均 -5.14%');
    expect(down.status).toBe('misses');
  });
});
