import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkText, figureLabels, indicatorText } from '../../../src/assistant/flows/diagnosis.ja.ts';
import { computeLocalBenchmark, localBenchmarkCitation, renderLocalBenchmark, type Figures, type LocalBenchmark } from '../../../src/assistant/flows/local-benchmark.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';

/** A worked example: every figure given. */
const FULL: Figures = {
  sales: 120_000_000,
  sales_prev: 100_000_000,
  operating_profit: 6_000_000,
  employees: 20,
  depreciation: 4_000_000,
  interest_bearing_debt: 50_000_000,
  cash: 20_000_000,
  receivables: 20_000_000,
  inventory: 10_000_000,
  payables: 15_000_000,
  net_assets: 40_000_000,
  total_assets: 100_000_000,
};

const indicator = (lb: LocalBenchmark, id: string) => lb.indicators.find((i) => i.id === id)!;

describe('ローカルベンチマーク indicators', () => {
  it('computes the six indicators of a worked example, with units', () => {
    const lb = computeLocalBenchmark(FULL);
    expect(indicator(lb, 'sales_growth').value).toBeCloseTo(20); // (120 − 100) / 100
    expect(indicator(lb, 'operating_margin').value).toBeCloseTo(5); // 6 / 120
    expect(indicator(lb, 'labour_productivity').value).toBeCloseTo(300); // 6,000,000円 / 20人 = 300千円
    expect(indicator(lb, 'ebitda_debt_ratio').value).toBeCloseTo(3); // (50 − 20) / (6 + 4)
    expect(indicator(lb, 'working_capital_months').value).toBeCloseTo(1.5); // (20 + 10 − 15) / (120 / 12)
    expect(indicator(lb, 'equity_ratio').value).toBeCloseTo(40); // 40 / 100
    const text = renderLocalBenchmark(lb);
    for (const s of ['売上高増加率：+20.0%', '営業利益率：5.0%', '労働生産性：300千円/人', 'EBITDA有利子負債倍率：3.0倍', '営業運転資本回転期間：1.5か月', '自己資本比率：40.0%']) {
      expect(text).toContain(s);
    }
    for (const t of Object.values(indicatorText)) expect(text).toContain(t.meaning);
    expect(text).toContain(benchmarkText.comparisonNote);
  });

  it('computes only what the figures allow and names the missing ones', () => {
    const lb = computeLocalBenchmark({ sales: 50_000_000, operating_profit: 2_500_000 });
    expect(indicator(lb, 'operating_margin').value).toBeCloseTo(5);
    expect(indicator(lb, 'sales_growth')).toMatchObject({ missing: ['sales_prev'] });
    expect(indicator(lb, 'sales_growth').value).toBeUndefined();
    expect(indicator(lb, 'ebitda_debt_ratio').missing).toEqual(['interest_bearing_debt', 'cash', 'depreciation']);
    const text = renderLocalBenchmark(lb);
    expect(text).toContain(`${figureLabels.sales_prev}が未入力`);
    expect(text).toContain(`${figureLabels.interest_bearing_debt}・${figureLabels.cash}・${figureLabels.depreciation}が未入力`);
    expect(renderLocalBenchmark(computeLocalBenchmark({}))).toContain(benchmarkText.noFigures);
  });

  it('explains a zero or negative denominator instead of printing a number', () => {
    const lb = computeLocalBenchmark({ ...FULL, sales_prev: 0, employees: 0, operating_profit: -5_000_000, depreciation: 3_000_000, total_assets: 0 });
    for (const id of ['sales_growth', 'labour_productivity', 'ebitda_debt_ratio', 'equity_ratio'] as const) {
      expect(indicator(lb, id)).toMatchObject({ notComputable: true, missing: [] });
      expect(indicator(lb, id).value).toBeUndefined();
    }
    const text = renderLocalBenchmark(lb);
    for (const id of ['sales_growth', 'labour_productivity', 'ebitda_debt_ratio', 'equity_ratio'] as const) expect(text).toContain(benchmarkText.notComputable[id]);
    expect(text).not.toMatch(/NaN|Infinity/);
    const noSales = renderLocalBenchmark(computeLocalBenchmark({ ...FULL, sales: 0 }));
    expect(noSales).toContain(benchmarkText.notComputable.operating_margin);
    expect(noSales).toContain(benchmarkText.notComputable.working_capital_months);
    expect(noSales).toContain('売上高増加率：-100.0%');
  });

  it('puts signs into words: net cash, negative equity, negative working capital', () => {
    const lb = computeLocalBenchmark({ ...FULL, cash: 80_000_000, net_assets: -10_000_000, payables: 60_000_000 });
    expect(indicator(lb, 'ebitda_debt_ratio')).toMatchObject({ note: 'net_cash' });
    expect(indicator(lb, 'equity_ratio')).toMatchObject({ note: 'negative_equity' });
    expect(indicator(lb, 'working_capital_months')).toMatchObject({ note: 'negative_working_capital' });
    expect(indicator(lb, 'working_capital_months').value).toBeCloseTo(-3); // (20 + 10 − 60) / 10
    const text = renderLocalBenchmark(lb);
    expect(text).toContain(`EBITDA有利子負債倍率：${benchmarkText.netCash}`);
    expect(text).not.toContain('-3.0倍');
    expect(text).toContain('自己資本比率：-10.0%');
    expect(text).toContain(benchmarkText.negativeEquity);
    expect(text).toContain('営業運転資本回転期間：-3.0か月');
    expect(text).toContain(benchmarkText.negativeWorkingCapital);
  });

  it('cites knowledge/subsidies/local-benchmark.md with its own wording of each indicator', () => {
    const file = path.join(DEFAULT_KNOWLEDGE_DIR, 'subsidies', 'local-benchmark.md');
    const doc = readFileSync(file, 'utf8').replace(/\*\*/g, '');
    for (const t of Object.values(indicatorText)) {
      for (const part of [t.name, t.aspect, t.formula, t.meaning]) expect(doc, part).toContain(part);
    }
    for (const fact of ['無料', '直近3期分', 'A〜D', '業種・規模ごとの基準値']) expect(doc).toContain(fact);

    const lb = computeLocalBenchmark({ sales: 120_000_000, sales_prev: 100_000_000, net_assets: 40_000_000, total_assets: 100_000_000 });
    const c = localBenchmarkCitation(lb, { title: 'ローカルベンチマーク', sourceUrl: 'https://www.meti.go.jp/' })!;
    expect(c).toMatchObject({ docId: 'subsidies/local-benchmark', title: 'ローカルベンチマーク', url: 'https://www.meti.go.jp/' });
    expect(c.quote).toContain(indicatorText.sales_growth.formula);
    expect(c.quote).toContain(indicatorText.equity_ratio.formula);
    expect(c.quote).not.toContain(indicatorText.operating_margin.formula); // not computed, not cited
    expect(localBenchmarkCitation(computeLocalBenchmark({}), { title: 'x' })).toBeUndefined();
  });
});
