// Facts an owner states in passing, read from one message without a tokenizer: where the
// company is, its trade, head count and capital, amounts and dates, the processes and
// programs named, a supplier that stopped, and a chain of process steps. Content (place
// names, trade words, context words) comes from the taxonomy files; see lexicon.ts.
import type { Catalog } from '../catalog.ts';
import { compiledLexicon, type CompiledLexicon, type Place, type UnderstandLexicon } from './lexicon.ts';
import { findNumbers, parseNumeral, type FoundNumber } from './numbers.ts';
import { foldTerm, indexOfAny, prepareText, type Hit, type PreparedText } from './scan.ts';

export type Entities = {
  prefecture?: string; // full name: 愛知県
  city?: string; // 一宮市, 東大阪市 (when a known city is named)
  industry?: string; // 金属製品製造業 ... (only when the owner describes their own company)
  employees?: number; // 常時使用する従業員: officers counted into a stated total are taken off
  officers?: number; // officers the owner counted into that total (「役員3人込みで22人」 → 3, employees 19)
  capitalJpy?: number;
  revenueJpy?: number; // 年商5億 → 500000000
  successor?: true; // the owner asks about the program that replaced the one named (「統合後の新しいやつ」)
  amountsJpy: number[]; // other yen amounts, in the order written
  dates: string[]; // YYYY-MM-DD, full dates only (month-only mentions are left out)
  capabilities: string[]; // taxonomy capability ids, in the order written
  programs: string[]; // knowledge doc ids of the programs named, in the order written
  guides: string[]; // knowledge doc ids of guides named (よろず支援拠点, the overview), not about one program
  supplierName?: string; // a supplier that stopped, without 株式会社/さん
  steps?: string[]; // capability ids in process order, when the message gives an ordered chain
};

export type UnderstandContext = {
  catalog: Catalog;
  today: string; // YYYY-MM-DD, Japan time
  /** Content to use instead of the catalog's own taxonomy files (tests, previews). */
  lexicon?: UnderstandLexicon;
};

/**
 * The entities and where some of them were read: program names (left out of intent cue
 * matching) and places and numbers (left out of the content words).
 */
export type EntityReading = { entities: Entities; programSpans: [number, number][]; placeAndNumberSpans: [number, number][] };

export function extractEntities(text: string, ctx: UnderstandContext): Entities {
  return readEntities(prepareText(text), compiledLexicon(ctx.catalog, ctx.lexicon), ctx.today).entities;
}

export function readEntities(p: PreparedText, lex: CompiledLexicon, today: string): EntityReading {
  const programHits = lex.programs.scan(p).filter((h) => !lex.weakPrograms.terms.has(h.term) || startsWithAny(p.folded.slice(h.end), lex.weakPrograms.follow));
  const supplier = supplierOf(p, lex);
  const { place, placeHits } = placeOf(p, lex, supplier?.span);
  const numbers = findNumbers(p.compact).filter((n) => !programHits.some((h) => n.index < h.end && n.index + n.text.length > h.start));
  const employees = employeesOf(p, numbers, lex);
  const capital = capitalOf(p, numbers, lex);
  const revenue = amountAfter(p, numbers.filter((n) => n !== capital), lex.cuesOf.revenue_words);
  const capabilityHits = lex.capabilities.scan(p);
  const steps = stepsOf(p, capabilityHits, lex);
  const entities: Entities = {
    ...place,
    industry: industryOf(p, lex),
    employees: employees && employees.n.value - (employees.officers ?? 0),
    officers: employees?.officers,
    capitalJpy: capital?.value,
    revenueJpy: revenue?.value,
    successor: lex.cuesOf.successor_words.some((w) => p.folded.includes(w)) || undefined,
    amountsJpy: numbers.filter((n) => n !== capital && n !== revenue && n !== employees?.n && isYen(n)).map((n) => n.value),
    dates: datesOf(p.compact, today),
    capabilities: unique(capabilityHits.flatMap((h) => h.payloads)),
    programs: unique(programHits.flatMap((h) => h.payloads)),
    guides: unique(lex.guides.scan(p).flatMap((h) => h.payloads)),
    supplierName: supplier?.name,
    steps,
  };
  for (const key of Object.keys(entities) as (keyof Entities)[]) if (entities[key] === undefined) delete entities[key];
  return {
    entities,
    programSpans: programHits.map((h) => [h.start, h.end]),
    placeAndNumberSpans: [...placeHits.map((h): [number, number] => [h.start, h.end]), ...numbers.map((n): [number, number] => [n.index, n.index + n.text.length + n.unit.length])],
  };
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const startsWithAny = (s: string, terms: readonly string[]) => terms.some((t) => s.startsWith(t));
const includesAny = (s: string, terms: readonly string[]) => terms.some((t) => s.includes(t));

/** Where the sentence holding position i starts. */
function sentenceStart(s: string, i: number): number {
  for (let j = i - 1; j >= 0; j--) if ('。!?'.includes(s[j]!)) return j + 1;
  return 0;
}
function sentenceEnd(s: string, i: number): number {
  for (let j = i; j < s.length; j++) if ('。!?'.includes(s[j]!)) return j;
  return s.length;
}

// ── place ──────────────────────────────────────────────────────────────────
/** The first prefecture named (and a city in it), skipping names that are part of a company or person name. */
function placeOf(p: PreparedText, lex: CompiledLexicon, skip?: [number, number]): { place: Pick<Entities, 'prefecture' | 'city'>; placeHits: Hit<Place>[] } {
  const notAfter = lex.source.places.not_after.map(foldTerm);
  const placeHits = lex.places.scan(p).filter((hit) => !(skip && hit.start < skip[1] && hit.end > skip[0]) && !startsWithAny(p.folded.slice(hit.end), notAfter));
  const prefecture = placeHits[0]?.payloads[0]!.prefecture;
  const city = placeHits.flatMap((h) => h.payloads).find((x) => x.prefecture === prefecture && x.city)?.city;
  return { place: { prefecture, city }, placeHits };
}

// ── industry ───────────────────────────────────────────────────────────────
/** A trade word counts when the owner says it of their own company: 「うちは板金屋」「鉄工所をやってます」. */
function industryOf(p: PreparedText, lex: CompiledLexicon): string | undefined {
  const { self_words, supplier_words } = lex.cuesOf;
  const seekAfter = lex.source.industries.seek_after.map(foldTerm);
  for (const hit of lex.industries.scan(p)) {
    const after = p.folded.slice(hit.end);
    if (startsWithAny(after, seekAfter)) continue;
    const before = p.folded.slice(sentenceStart(p.compact, hit.start), hit.start);
    const self = lastIndexOfAny(before, self_words);
    const aboutSelf = self >= 0 && !includesAny(before.slice(self), supplier_words);
    if (aboutSelf || lex.selfTail.test(p.compact.slice(hit.end))) return hit.payloads[0];
  }
  return undefined;
}

function lastIndexOfAny(s: string, terms: readonly string[]): number {
  return Math.max(-1, ...terms.map((t) => s.lastIndexOf(t)));
}

// ── numbers ────────────────────────────────────────────────────────────────
const APPROX = /^(くらい|ぐらい|位|程度|ほど|前後|弱|強|ちょっと|ちょい)/;

function afterNumber(p: PreparedText, n: FoundNumber): string {
  const rest = p.compact.slice(n.index + n.text.length + n.unit.length).replace(APPROX, '');
  return foldTerm(rest.slice(0, 10));
}

/** Head count tied to staff words (従業員25人, パート含めて15人, うちは20人くらい); a limit (20人以下) is not a count. */
function employeesOf(p: PreparedText, numbers: FoundNumber[], lex: CompiledLexicon): { n: FoundNumber; officers?: number } | undefined {
  const { staff_words, staff_after, total_words, count_limits, self_words, officer_words } = lex.cuesOf;
  const found: { n: FoundNumber; total: boolean }[] = [];
  const officers: FoundNumber[] = [];
  for (const n of numbers) {
    const before = p.folded.slice(Math.max(sentenceStart(p.compact, n.index), n.index - 15), n.index);
    const after = afterNumber(p, n);
    if (startsWithAny(after, count_limits)) continue;
    const total = includesAny(before, total_words);
    if (n.unit === '人' || n.unit === '名') {
      // 「役員3人」「役員が3人」: a count of officers, not of employees
      if (countsOfficers(before, officer_words)) officers.push(n);
      else if (total || includesAny(before, staff_words) || includesAny(before, self_words) || startsWithAny(after, staff_after)) found.push({ n, total });
    } else if (!n.unit && Number.isInteger(n.value) && n.value < 100_000) {
      // 「従業員25」「従業員数:25」
      const label = before.replace(/[:ハガ=]$/u, '');
      if (staff_words.some((w) => label.endsWith(w))) found.push({ n, total });
    }
  }
  const chosen = found.find((f) => f.total) ?? found[0];
  if (!chosen) return undefined;
  // a total that counts officers in (「役員3人込みで22人」): the officers come off
  const counted = chosen.total ? officers.filter((o) => o.index < chosen.n.index && o.value < chosen.n.value) : [];
  const officerCount = counted.reduce((sum, o) => sum + o.value, 0);
  return officerCount ? { n: chosen.n, officers: officerCount } : { n: chosen.n };
}

/** 「役員3人」「役員が3人」: the number right after an officer word. */
function countsOfficers(before: string, officerWords: string[]): boolean {
  return officerWords.some((w) => {
    const at = before.lastIndexOf(w);
    return at >= 0 && /^[がはもをガハモヲ]?$/u.test(before.slice(at + w.length)); // folded text has katakana
  });
}

function capitalOf(p: PreparedText, numbers: FoundNumber[], lex: CompiledLexicon): FoundNumber | undefined {
  return amountAfter(p, numbers, lex.cuesOf.capital_words);
}

/** The first yen amount shortly after one of the words (資本金3000万, 年商5億). */
function amountAfter(p: PreparedText, numbers: FoundNumber[], words: string[]): FoundNumber | undefined {
  if (!words.length) return undefined;
  return numbers.find((n) => {
    const before = p.folded.slice(Math.max(sentenceStart(p.compact, n.index), n.index - 10), n.index);
    return includesAny(before, words) && (isYen(n) || n.value >= 10_000);
  });
}

/** Yen: 「円」 after it, or written with 万/億 (「500万」「1.5億」); years, counts and rates are not. */
function isYen(n: FoundNumber): boolean {
  return n.unit === '円' || (n.unit === '' && /[万億兆]/.test(n.text));
}

// ── dates ──────────────────────────────────────────────────────────────────
const KANJI_DATE_NUMERAL = /[〇一二三四五六七八九十]+(?=[年月日])/g;

/** Full dates in the order written: 2027年1月15日, 令和8年12月1日, 2026/12/18, 12月15日 (next one from today), 明日, 来月末. */
function datesOf(compact: string, today: string): string[] {
  let s = compact.replace(KANJI_DATE_NUMERAL, (m) => String(parseNumeral(m) ?? m).padStart(m.length, '0'));
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const todayUtc = Date.UTC(ty, tm - 1, td);
  const found: { at: number; date: string }[] = [];
  const take = (re: RegExp, toDate: (m: RegExpMatchArray) => number | undefined) => {
    for (const m of s.matchAll(re)) {
      const t = toDate(m);
      if (t !== undefined) found.push({ at: m.index, date: new Date(t).toISOString().slice(0, 10) });
      s = s.slice(0, m.index) + '＿'.repeat(m[0].length) + s.slice(m.index + m[0].length); // not read again as a shorter form
    }
  };
  take(/(\d{4})年(\d{1,2})月(\d{1,2})日/g, (m) => dayOf(+m[1]!, +m[2]!, +m[3]!));
  take(/(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d)/g, (m) => dayOf(+m[1]!, +m[2]!, +m[3]!));
  take(/令和(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日/g, (m) => dayOf(2018 + (m[1] === '元' ? 1 : +m[1]!), +m[2]!, +m[3]!));
  take(/(\d{1,2})月(\d{1,2})日/g, (m) => {
    const thisYear = dayOf(ty, +m[1]!, +m[2]!);
    return thisYear === undefined ? dayOf(ty + 1, +m[1]!, +m[2]!) : thisYear >= todayUtc ? thisYear : dayOf(ty + 1, +m[1]!, +m[2]!);
  });
  const DAY = 86_400_000;
  take(/明後日|あさって/g, () => todayUtc + 2 * DAY);
  take(/今日|本日/g, () => todayUtc);
  take(/明日|あした/g, () => todayUtc + DAY);
  take(/今月末/g, () => Date.UTC(ty, tm, 0));
  take(/来月末/g, () => Date.UTC(ty, tm + 1, 0));
  return unique(found.sort((a, b) => a.at - b.at).map((f) => f.date));
}

/** UTC midnight of a real calendar date, else undefined (2月30日). */
function dayOf(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t : undefined;
}

// ── process chain ──────────────────────────────────────────────────────────
/**
 * Capabilities written as an ordered chain: 「金型→成形→めっき→組立」「金型から成形、めっき、組立まで」.
 * Neighbouring processes must be linked only by arrows and list separators, with at least one
 * arrow (から, →) in the chain; 「めっきと塗装」 is a list, not an order. The longest chain wins.
 */
function stepsOf(p: PreparedText, hits: Hit<string>[], lex: CompiledLexicon): string[] | undefined {
  const { step_arrows, step_joiners } = lex.cuesOf;
  let best: Hit<string>[] = [];
  let run: Hit<string>[] = hits.slice(0, 1);
  let runHasArrow = false;
  const close = () => {
    if (runHasArrow && run.length > best.length) best = run;
  };
  for (let i = 1; i < hits.length; i++) {
    const link = linkBetween(p.folded.slice(hits[i - 1]!.end, hits[i]!.start), step_arrows, step_joiners);
    if (link === 'none') {
      close();
      run = [hits[i]!];
      runHasArrow = false;
    } else {
      run.push(hits[i]!);
      runHasArrow ||= link === 'arrow';
    }
  }
  close();
  const steps = best.map((h) => h.payloads[0]!).filter((id, i, all) => i === 0 || all[i - 1] !== id);
  return steps.length >= 2 ? steps : undefined;
}

/** How a gap between two processes links them: by an arrow, by list separators only, or not at all. */
function linkBetween(gap: string, arrows: string[], joiners: string[]): 'arrow' | 'list' | 'none' {
  const tokens = [...arrows.map((t) => ({ t, arrow: true })), ...joiners.map((t) => ({ t, arrow: false }))].sort((a, b) => b.t.length - a.t.length);
  let rest = gap;
  let arrow = false;
  while (rest) {
    const tok = tokens.find((x) => rest.startsWith(x.t));
    if (!tok) return 'none';
    arrow ||= tok.arrow;
    rest = rest.slice(tok.t.length);
  }
  return arrow ? 'arrow' : 'list';
}

// ── supplier ───────────────────────────────────────────────────────────────
/**
 * A named company that stopped supplying: 「取引先の山田製作所が火事で」「㈱岬鍍金が廃業」「外注先のヤマダさんが倒産」.
 * The name needs a legal form (株式会社, ㈱), a company suffix (製作所, 鍍金) or to follow a
 * supplier word; and a supplier word before it or an event (火事, 廃業) after it in the sentence.
 */
function supplierOf(p: PreparedText, lex: CompiledLexicon): { name: string; span: [number, number] } | undefined {
  const c = lex.cuesOf;
  const candidates: { name: string; start: number; end: number }[] = [];
  // names are read from the unfolded text: folding would turn hiragana particles into name-like katakana
  for (const re of lex.companyNameShapes) {
    for (const m of p.compact.matchAll(re)) {
      const start = m.index + m[0].indexOf(m[1]!);
      candidates.push({ name: p.display.slice(start, start + m[1]!.length), start, end: m.index + m[0].length });
    }
  }
  candidates.sort((a, b) => a.start - b.start);
  for (const cand of candidates) {
    const name = cleanName(cand.name, lex);
    if (!name) continue;
    const from = sentenceStart(p.compact, cand.start);
    const to = sentenceEnd(p.compact, cand.end);
    const supplierBefore = includesAny(p.folded.slice(from, cand.start), c.supplier_words);
    const eventAfter = indexOfAny(p.folded.slice(cand.end, Math.min(to, cand.end + 15)), c.supplier_events) >= 0;
    if (supplierBefore || eventAfter) return { name, span: [cand.start, cand.end] };
  }
  return undefined;
}

/** The name without legal forms, supplier words or honorifics; undefined when what is left is not a name. */
function cleanName(raw: string, lex: CompiledLexicon): string | undefined {
  const c = lex.cuesOf;
  let name = raw;
  for (const form of lex.source.intents.entity_cues.legal_forms) name = name.split(form).join('');
  for (const w of lex.source.intents.entity_cues.supplier_words) if (name.startsWith(w)) name = name.slice(w.length);
  name = name.replace(/^(の|、)/, '').replace(/(さん|様)$/, '');
  const folded = foldTerm(name);
  if ([...name].length < 2 || c.generic_names.includes(folded) || /屋$/.test(name)) return undefined;
  if (lex.industries.scan(prepareText(name)).some((h) => h.start === 0 && h.end === folded.length)) return undefined;
  return name;
}
