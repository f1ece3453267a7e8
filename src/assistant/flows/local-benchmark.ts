// The six financial indicators of ローカルベンチマーク (knowledge/subsidies/local-benchmark.md),
// computed from the figures the owner typed. Only what the figures allow is computed; a zero
// or negative denominator gives an explanation instead of a number. No industry benchmark
// values are claimed: we have no source for them.
import type { Citation } from '../../domain/conversation.ts';
import type { FigureKey } from '../../domain/diagnosis.ts';
import { benchmarkText, figureLabels, indicatorText, type IndicatorId } from './diagnosis.ja.ts';

export const LOCAL_BENCHMARK_DOC_ID = 'subsidies/local-benchmark';

export type Figures = Partial<Record<FigureKey, number>>;
export type IndicatorUnit = '%' | '千円/人' | '倍' | 'か月';

export type Indicator = {
  id: IndicatorId;
  unit: IndicatorUnit;
  /** In the unit shown: 12.5 for 12.5 %, 4800 for 4,800千円/人. Absent when it cannot be computed. */
  value?: number;
  /** Figures the owner did not give. */
  missing: FigureKey[];
  /** All figures given, but the denominator is zero or negative: no meaningful number. */
  notComputable?: boolean;
  /** A value whose sign needs words rather than a bare number. */
  note?: 'net_cash' | 'negative_equity' | 'negative_working_capital';
};

export type LocalBenchmark = { figures: Figures; indicators: Indicator[] };

type Definition = {
  id: IndicatorId;
  unit: IndicatorUnit;
  needs: FigureKey[];
  /** Numerator and denominator; the value is num / den × scale when den > 0. */
  ratio: (f: Record<FigureKey, number>) => { num: number; den: number };
  scale: number;
  note?: (value: number, f: Record<FigureKey, number>) => Indicator['note'];
};

const DEFINITIONS: Definition[] = [
  { id: 'sales_growth', unit: '%', needs: ['sales', 'sales_prev'], ratio: (f) => ({ num: f.sales - f.sales_prev, den: f.sales_prev }), scale: 100 },
  { id: 'operating_margin', unit: '%', needs: ['operating_profit', 'sales'], ratio: (f) => ({ num: f.operating_profit, den: f.sales }), scale: 100 },
  { id: 'labour_productivity', unit: '千円/人', needs: ['operating_profit', 'employees'], ratio: (f) => ({ num: f.operating_profit, den: f.employees }), scale: 1 / 1000 },
  {
    id: 'ebitda_debt_ratio',
    unit: '倍',
    needs: ['interest_bearing_debt', 'cash', 'operating_profit', 'depreciation'],
    ratio: (f) => ({ num: f.interest_bearing_debt - f.cash, den: f.operating_profit + f.depreciation }),
    scale: 1,
    note: (v) => (v < 0 ? 'net_cash' : undefined),
  },
  {
    id: 'working_capital_months',
    unit: 'か月',
    needs: ['receivables', 'inventory', 'payables', 'sales'],
    // ÷ 月商 (売上高 ÷ 12) = × 12 ÷ 売上高
    ratio: (f) => ({ num: (f.receivables + f.inventory - f.payables) * 12, den: f.sales }),
    scale: 1,
    note: (v) => (v < 0 ? 'negative_working_capital' : undefined),
  },
  {
    id: 'equity_ratio',
    unit: '%',
    needs: ['net_assets', 'total_assets'],
    ratio: (f) => ({ num: f.net_assets, den: f.total_assets }),
    scale: 100,
    note: (v) => (v < 0 ? 'negative_equity' : undefined),
  },
];

export function computeLocalBenchmark(figures: Figures): LocalBenchmark {
  const indicators = DEFINITIONS.map((d): Indicator => {
    const missing = d.needs.filter((k) => figures[k] === undefined);
    if (missing.length) return { id: d.id, unit: d.unit, missing };
    const { num, den } = d.ratio(figures as Record<FigureKey, number>);
    if (!(den > 0)) return { id: d.id, unit: d.unit, missing, notComputable: true };
    const value = (num / den) * d.scale;
    const note = d.note?.(value, figures as Record<FigureKey, number>);
    return { id: d.id, unit: d.unit, missing, value, ...(note ? { note } : {}) };
  });
  return { figures: { ...figures }, indicators };
}

/** 12.345 → "12.3", -0.04 → "0.0" (no negative zero). */
const oneDecimal = (v: number) => {
  const s = v.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
};

export function formatIndicatorValue(i: Indicator): string | undefined {
  if (i.value === undefined) return undefined;
  if (i.note === 'net_cash') return benchmarkText.netCash;
  switch (i.unit) {
    case '%':
      return `${i.id === 'sales_growth' && i.value > 0 ? '+' : ''}${oneDecimal(i.value)}%`;
    case '千円/人':
      return `${Math.round(i.value).toLocaleString('ja-JP')}千円/人`;
    case '倍':
      return `${oneDecimal(i.value)}倍`;
    case 'か月':
      return `${oneDecimal(i.value)}か月`;
  }
}

const NOTE_TEXT: Record<NonNullable<Indicator['note']>, string | undefined> = {
  net_cash: undefined, // said in place of the value
  negative_equity: benchmarkText.negativeEquity,
  negative_working_capital: benchmarkText.negativeWorkingCapital,
};

/** Plain-text lines: each indicator with its value (or why not), what it shows, and the note on benchmarks. */
export function renderLocalBenchmark(lb: LocalBenchmark): string {
  const lines: string[] = [benchmarkText.heading];
  if (Object.keys(lb.figures).length === 0) {
    lines.push(benchmarkText.noFigures);
    return lines.join('\n');
  }
  for (const i of lb.indicators) {
    const t = indicatorText[i.id];
    const value = formatIndicatorValue(i);
    if (value !== undefined) {
      lines.push(benchmarkText.line(t.mark, t.name, value));
      const note = i.note && NOTE_TEXT[i.note];
      if (note) lines.push(note);
      lines.push(benchmarkText.shows(t.aspect, t.meaning));
    } else {
      lines.push(benchmarkText.line(t.mark, t.name, '—'));
      lines.push(i.notComputable ? benchmarkText.notComputable[i.id] : benchmarkText.missing(i.missing.map((k) => figureLabels[k])));
    }
  }
  lines.push(benchmarkText.comparisonNote);
  return lines.join('\n');
}

/**
 * The citation for the indicators shown: the doc's own rows (name, aspect, formula, what it
 * shows). `doc` is the loaded knowledge document, for its title and address.
 */
export function localBenchmarkCitation(lb: LocalBenchmark, doc: { title: string; sourceUrl?: string }): Citation | undefined {
  const shown = lb.indicators.filter((i) => i.value !== undefined);
  if (!shown.length) return undefined;
  const quote = shown
    .map((i) => {
      const t = indicatorText[i.id];
      return `${t.mark} ${t.name}（${t.aspect}）｜${t.formula}｜${t.meaning}`;
    })
    .join('\n');
  return { docId: LOCAL_BENCHMARK_DOC_ID, title: doc.title, ...(doc.sourceUrl ? { url: doc.sourceUrl } : {}), section: '財務分析と6つの指標', quote };
}
