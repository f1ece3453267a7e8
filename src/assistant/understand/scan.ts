// Text preparation and dictionary scanning for the understanding layer. A message is
// normalised once (NFKC, lower case, long vowels, no spaces) and kana-folded; dictionaries of
// terms are then matched longest-first, left to right, each character used by one term only.
// Optionally a term also matches with one character wrong, missing or extra (typos).
import { foldKana, normalizeText } from '../../knowledge/normalize.ts';

export type PreparedText = {
  /** Normalised, spaces removed, digit-group commas removed: what patterns and numbers read. */
  compact: string;
  /** `compact` kana-folded (hiragana → katakana ...), same length: what dictionaries read. */
  folded: string;
  /** `compact` with the letter case as typed (for names), same length. */
  display: string;
};

/** Spaces, digit-group commas, middle dots and hyphens inside Latin words go: 「デジタル化・AI」=「デジタル化AI」, Go-Tech = GoTech. */
const squeeze = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/・/g, '')
    .replace(/(?<=[a-zA-Z])-(?=[a-zA-Z])/g, '');

export function prepareText(text: string): PreparedText {
  const compact = squeeze(normalizeText(text));
  const cased = squeeze(text.normalize('NFKC'));
  return { compact, folded: foldKana(compact), display: cased.length === compact.length ? cased : compact };
}

/** A dictionary term in the form it is matched in. */
export function foldTerm(term: string): string {
  return prepareText(term).folded;
}

export type Hit<T> = { start: number; end: number; term: string; payloads: T[]; fuzzy: boolean };

const KATAKANA_ONLY = /^[\u30a0-\u30ffー]+$/;
const ASCII_WORD = /^[a-z0-9][a-z0-9 &+./-]*$/;
const isKatakana = (c: string | undefined) => c !== undefined && /[\u30a1-\u30faー]/.test(c);
const isAsciiAlnum = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/** Fuzzy matching only for terms this long (3-character terms: one wrong character only). */
const FUZZY_MIN_LENGTH = 3;

/**
 * Longest-match dictionary over folded text. Latin terms match whole words only; katakana-only
 * terms do not match inside a longer katakana word (ジグ is not in ジグザグ) — judged on the
 * unfolded text, so a hiragana word written before or after still counts.
 */
export class TermScanner<T> {
  private readonly terms = new Map<string, T[]>();
  private readonly fuzzyTerms = new Map<string, T[]>();
  /** Fuzzy terms by their first and second character: a window within one edit starts with one of them. */
  private readonly fuzzyByLead = new Map<string, Set<string>>();
  /** Fuzzy terms where another or a missing kanji makes a different word (BCP認定 ≠ BCP策定, インボイス枠 ≠ インボイス), not a typo. */
  private readonly keepKanji = new Set<string>();
  private maxLength = 0;

  /** `fuzzy`: also match with one typo; 'keep-kanji': any typo but a swapped or missing kanji. */
  add(term: string, payload: T, opts: { fuzzy?: boolean | 'keep-kanji' } = {}): this {
    const folded = foldTerm(term);
    if (!folded) return this;
    const list = this.terms.get(folded) ?? [];
    list.push(payload);
    this.terms.set(folded, list);
    this.maxLength = Math.max(this.maxLength, folded.length);
    if (opts.fuzzy && folded.length >= FUZZY_MIN_LENGTH && !ASCII_WORD.test(folded)) {
      this.fuzzyTerms.set(folded, list);
      if (opts.fuzzy === 'keep-kanji') this.keepKanji.add(folded);
      for (const lead of [folded[0]!, folded[1]!]) {
        const set = this.fuzzyByLead.get(lead) ?? new Set<string>();
        set.add(folded);
        this.fuzzyByLead.set(lead, set);
      }
    }
    return this;
  }

  /** Non-overlapping hits, left to right, longest term first at each position; then typo matches in the gaps. */
  scan(text: PreparedText): Hit<T>[] {
    const { folded, compact } = text;
    const hits: Hit<T>[] = [];
    let i = 0;
    while (i < folded.length) {
      const hit = this.longestAt(folded, compact, i);
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    if (this.fuzzyTerms.size === 0) return hits;
    return [...hits, ...this.fuzzyInGaps(text, hits)].sort((a, b) => a.start - b.start);
  }

  private longestAt(folded: string, compact: string, i: number): Hit<T> | undefined {
    for (let len = Math.min(this.maxLength, folded.length - i); len > 0; len--) {
      const term = folded.slice(i, i + len);
      const payloads = this.terms.get(term);
      if (payloads && this.boundaryOk(term, compact, i, i + len)) return { start: i, end: i + len, term, payloads, fuzzy: false };
    }
    return undefined;
  }

  private boundaryOk(term: string, compact: string, start: number, end: number): boolean {
    if (ASCII_WORD.test(term)) return !isAsciiAlnum(compact[start - 1]) && !isAsciiAlnum(compact[end]);
    if (KATAKANA_ONLY.test(term)) return !isKatakana(compact[start - 1]) && !isKatakana(compact[end]);
    return true;
  }

  private fuzzyInGaps(text: PreparedText, exact: Hit<T>[]): Hit<T>[] {
    const found: Hit<T>[] = [];
    let gapStart = 0;
    for (const gap of [...exact, { start: text.folded.length, end: text.folded.length }]) {
      const span = text.folded.slice(gapStart, gap.start);
      if (span.length >= FUZZY_MIN_LENGTH - 1) found.push(...this.fuzzyInSpan(span, gapStart));
      gapStart = gap.end;
    }
    return found;
  }

  private fuzzyInSpan(span: string, offset: number): Hit<T>[] {
    const found: Hit<T>[] = [];
    let i = 0;
    while (i < span.length) {
      let best: Hit<T> | undefined;
      for (const term of this.fuzzyCandidates(span, i)) {
        const payloads = this.fuzzyTerms.get(term)!;
        // a 3-character term allows one wrong character only, longer terms also one missing or extra
        const lengths = term.length === FUZZY_MIN_LENGTH ? [term.length] : [term.length + 1, term.length, term.length - 1];
        for (const len of lengths) {
          if (i + len > span.length) continue;
          const window = span.slice(i, i + len);
          const typo = withinOneEdit(window, term) && !(this.keepKanji.has(term) && changesKanji(window, term));
          if (typo && (!best || len > best.end - best.start)) {
            best = { start: offset + i, end: offset + i + len, term, payloads, fuzzy: true };
          }
        }
      }
      if (best) {
        found.push(best);
        i = best.end - offset;
      } else i++;
    }
    return found;
  }

  /** Terms whose first or second character is at i or i+1 (a one-edit match always has one of these). */
  private *fuzzyCandidates(span: string, i: number): Generator<string> {
    const seen = new Set<string>();
    for (const c of [span[i], span[i + 1]]) {
      for (const term of (c && this.fuzzyByLead.get(c)) || []) {
        if (!seen.has(term)) {
          seen.add(term);
          yield term;
        }
      }
    }
  }
}

/** True when a and b differ by at most one substitution, insertion or deletion. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) return short.slice(i + 1) === long.slice(i + 1);
  return short.slice(i) === long.slice(i + 1);
}

const HAN = /\p{Script=Han}/u;

/** True when the window has another kanji where the term has one, or lacks one of the term's kanji. */
function changesKanji(window: string, term: string): boolean {
  const i = [...term].findIndex((c, k) => c !== window[k]);
  if (i < 0) return false;
  if (window.length === term.length) return HAN.test(window[i]!) && HAN.test(term[i]!);
  return window.length < term.length && HAN.test(term[i]!);
}

/** First occurrence of any term (folded) in the folded text, or -1. */
export function indexOfAny(folded: string, terms: readonly string[], from = 0): number {
  let best = -1;
  for (const t of terms) {
    const at = folded.indexOf(t, from);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}
