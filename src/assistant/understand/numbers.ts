// Numbers as owners type them: half- or full-width digits, commas, kanji numerals and the
// 万/億 units (「3千万円」「1億2000万」「五十人」「２５名」). Built on @geolonia/japanese-numeral.
import { kanji2number } from '@geolonia/japanese-numeral';

const toHalfWidth = (s: string) => s.normalize('NFKC');

/** The number a numeral string stands for: 「1,200万」→ 12000000, 「五十」→ 50; undefined when it is not one. */
export function parseNumeral(input: string): number | undefined {
  const s = toHalfWidth(input).replace(/[,，\s]/g, '');
  if (!s) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  // decimals with a unit: 1.5億, 2.5万
  const dec = /^(\d+\.\d+)(万|億)$/.exec(s);
  if (dec) return Math.round(Number(dec[1]) * (dec[2] === '億' ? 1e8 : 1e4));
  try {
    const n = kanji2number(s);
    return Number.isFinite(n) && (n > 0 || /^[0〇零]+$/.test(s)) ? n : undefined;
  } catch {
    return undefined;
  }
}

export type FoundNumber = { value: number; text: string; unit: string; index: number };

const UNIT_AFTER = /^(円|人|名|社|日|か月|ヶ月|カ月|ケ月|年|%|％|割|歳|件|台)/;
const NUMERAL = /\d+(?:\.\d+)?(?:[十百千万億兆]+(?:\d+(?:\.\d+)?[十百千万億兆]*)*)?|[〇零一二三四五六七八九十百千万億兆]+/g;

/** Every number in a text, with the unit that follows it (円, 人, 名, 割 ...). */
export function findNumbers(text: string): FoundNumber[] {
  const s = toHalfWidth(text).replace(/(\d),(?=\d{3})/g, '$1');
  const found: FoundNumber[] = [];
  for (const m of s.matchAll(NUMERAL)) {
    const numeral = m[0];
    const after = s.slice(m.index + numeral.length);
    // a lone kanji like 一 in 一宮市 or 一緒, or 万 in 万一, is not a number the owner typed
    if (/^[〇零一二三四五六七八九十百千万億兆]+$/.test(numeral) && (numeral.length === 1 || /^[万億兆]/.test(numeral)) && !UNIT_AFTER.test(after)) continue;
    const value = parseNumeral(numeral);
    if (value === undefined) continue;
    found.push({ value, text: numeral, unit: UNIT_AFTER.exec(after)?.[1] ?? '', index: m.index });
  }
  return found;
}

/** An amount in yen: 「3千万円」「1億」「500万」「30,000,000円」. A bare small number without a unit is not an amount. */
export function parseYen(text: string): number | undefined {
  const n = findNumbers(text).find((f) => f.unit === '円' || /[万億]/.test(f.text) || f.value >= 10_000);
  return n?.value;
}

/** A head count: 「25人」「五十名」「２５」 (a bare number is accepted when it is the whole answer). */
export function parseCount(text: string): number | undefined {
  const all = findNumbers(text);
  const withUnit = all.find((f) => f.unit === '人' || f.unit === '名');
  if (withUnit) return withUnit.value;
  return all.length === 1 && /^\s*[\d０-９一二三四五六七八九十百千〇]+\s*(くらい|ぐらい|程度|ほど)?\s*$/.test(text) ? all[0]!.value : undefined;
}
