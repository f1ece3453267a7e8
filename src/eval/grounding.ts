// The wrong-number check (DESIGN §5, §7): every amount, rate and date an answer states must
// appear in one of the sources it cites. Values are compared, not spellings: 750万円 matches a
// front-matter 7500000, 2分の1 matches 1/2, 12月18日 matches 2026-12-18. Some values are not
// claims about a source and are exempt: today's date (from the clock), a start-by date on a line
// labelled as computed from the cited deadline, input examples in a prompt (「（例：1000万円）」)
// and progress counters (3/58: a rate's denominator is at most 10).
import { subsidyMessages } from '../assistant/skills/subsidies.ja.ts';

export type NumberKind = 'amount' | 'rate' | 'date';
export type FoundNumber = { kind: NumberKind; text: string };

export type SourceFacts = { amounts: Set<number>; rates: number[]; fullDates: Set<string>; monthDays: Set<string> };

const normalize = (s: string) => s.normalize('NFKC').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');

const AMOUNT = /(?:(\d+(?:\.\d+)?)兆)?(?:(\d+(?:\.\d+)?)億)?(?:(\d+(?:\.\d+)?)千万)?(?:(\d+(?:\.\d+)?)万)?(\d+)?円/g;
/** An amount with 万 or 億 and no 円 after it. */
const MAN_OKU = /(?:(\d+(?:\.\d+)?)兆)?(?:(\d+(?:\.\d+)?)億)?(?:(\d+(?:\.\d+)?)千万)?(?:(\d+(?:\.\d+)?)万)?(?![\d円])(?<=[万億兆])/g;
const FRACTION = /(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?![\d/])/g;
/** Fractions with a larger denominator are counters (質問 3/58), not rates. */
const MAX_RATE_DENOMINATOR = 10;
const INPUT_EXAMPLE = /[（(]例[：:][^）)]*[）)]/g;
const BUNNO = /(\d+)分の(\d+)/g;
const PERCENT = /(\d+(?:\.\d+)?)(?:%|％|パーセント)/g;
const WARI = /(\d+(?:\.\d+)?)割/g;
const WAREKI = /(令和|平成)(\d+|元)年(\d{1,2})月(\d{1,2})日/g;
const KANJI_DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g;
const ISO_DATE = /(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/g;

const yenOf = (m: RegExpMatchArray): number | undefined => {
  const [, cho, oku, senman, man, yen] = m;
  if (![cho, oku, senman, man, yen].some(Boolean)) return undefined;
  return Math.round(Number(cho ?? 0) * 1e12 + Number(oku ?? 0) * 1e8 + Number(senman ?? 0) * 1e7 + Number(man ?? 0) * 1e4 + Number(yen ?? 0));
};
const key = (y: number | string, m: number | string, d: number | string) => `${y}-${Number(m)}-${Number(d)}`;
const WAREKI_BASE: Record<string, number> = { 令和: 2018, 平成: 1988 };

function datesIn(text: string): { year?: number; month: number; day: number; text: string; index: number }[] {
  const out: { year?: number; month: number; day: number; text: string; index: number }[] = [];
  for (const m of text.matchAll(WAREKI)) out.push({ year: WAREKI_BASE[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])), month: Number(m[3]), day: Number(m[4]), text: m[0], index: m.index! });
  const masked = text.replace(WAREKI, (s) => ' '.repeat(s.length));
  for (const m of masked.matchAll(KANJI_DATE)) out.push({ year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]), text: m[0], index: m.index! });
  for (const m of masked.matchAll(ISO_DATE)) out.push({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), text: m[0], index: m.index! });
  return out.filter((d) => d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31);
}

function ratesIn(text: string): { value: number; text: string }[] {
  const out: { value: number; text: string }[] = [];
  for (const m of text.matchAll(FRACTION)) if (Number(m[2]) > 0 && Number(m[2]) <= MAX_RATE_DENOMINATOR) out.push({ value: Number(m[1]) / Number(m[2]), text: m[0] });
  for (const m of text.matchAll(BUNNO)) if (Number(m[1]) > 0) out.push({ value: Number(m[2]) / Number(m[1]), text: m[0] });
  for (const m of text.matchAll(PERCENT)) out.push({ value: Number(m[1]) / 100, text: m[0] });
  for (const m of text.matchAll(WARI)) out.push({ value: Number(m[1]) / 10, text: m[0] });
  return out;
}

/** What a set of source texts can support: amounts in yen, rates as fractions, dates. */
export function sourceFacts(texts: string[]): SourceFacts {
  const facts: SourceFacts = { amounts: new Set(), rates: [], fullDates: new Set(), monthDays: new Set() };
  for (const raw of texts) {
    const text = normalize(raw);
    for (const m of text.matchAll(AMOUNT)) {
      const v = yenOf(m);
      if (v !== undefined) facts.amounts.add(v);
    }
    // 万/億 amounts written without 円 (「年商5億」「最大5億」) say the same amount
    for (const m of text.matchAll(MAN_OKU)) {
      const v = yenOf(m); // the same groups as AMOUNT, without the yen one
      if (v !== undefined) facts.amounts.add(v);
    }
    // bare figures (front matter: amount: 7500000) count as yen
    for (const m of text.matchAll(/(?<![\d.])\d{3,}(?![\d.])/g)) facts.amounts.add(Number(m[0]));
    facts.rates.push(...ratesIn(text).map((r) => r.value));
    for (const d of datesIn(text)) {
      if (d.year) facts.fullDates.add(key(d.year, d.month, d.day));
      facts.monthDays.add(key('', d.month, d.day));
    }
  }
  return facts;
}

/** What several sources support together. */
export function mergeFacts(all: SourceFacts[]): SourceFacts {
  const merged: SourceFacts = { amounts: new Set(), rates: [], fullDates: new Set(), monthDays: new Set() };
  for (const f of all) {
    for (const a of f.amounts) merged.amounts.add(a);
    merged.rates.push(...f.rates);
    for (const d of f.fullDates) merged.fullDates.add(d);
    for (const d of f.monthDays) merged.monthDays.add(d);
  }
  return merged;
}

/**
 * The amounts, rates and dates in `shown` (lines of answer text) that no source supports.
 * `today` (YYYY-MM-DD, Japan) is the clock's date, which an answer may state.
 */
export function unsupportedNumbers(shown: string[], facts: SourceFacts, today?: string): FoundNumber[] {
  const bad: FoundNumber[] = [];
  const [ty, tm, td] = (today ?? '').split('-');
  const todayKey = today ? key(ty!, tm!, td!) : undefined;
  const startBy = subsidyMessages.startBy('');
  for (const original of shown) {
    let line = normalize(original).replace(INPUT_EXAMPLE, ' ');
    const computed = line.includes(subsidyMessages.computedLabel.normalize('NFKC'));
    for (const d of datesIn(line)) {
      const exempt =
        (todayKey && d.year !== undefined && key(d.year, d.month, d.day) === todayKey) ||
        (todayKey && d.year === undefined && key(ty!, d.month, d.day) === todayKey) ||
        (computed && line.slice(Math.max(0, d.index - startBy.length - 6), d.index).includes(startBy.trim()));
      const ok = d.year !== undefined ? facts.fullDates.has(key(d.year, d.month, d.day)) : facts.monthDays.has(key('', d.month, d.day));
      if (!ok && !exempt) bad.push({ kind: 'date', text: d.text });
    }
    // dates out of the way, so 2026/12/18 is not read as a rate
    line = line.replace(WAREKI, ' ').replace(KANJI_DATE, ' ').replace(ISO_DATE, ' ');
    for (const m of line.matchAll(AMOUNT)) {
      const v = yenOf(m);
      if (v !== undefined && !facts.amounts.has(v)) bad.push({ kind: 'amount', text: m[0] });
    }
    for (const r of ratesIn(line)) if (!facts.rates.some((v) => Math.abs(v - r.value) < 1e-9)) bad.push({ kind: 'rate', text: r.text });
  }
  return bad;
}
