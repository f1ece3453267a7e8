// What a question pins down that an answer must match: a named round (第21回, 23次) and a named
// program (業務改善助成金). An answer about another round, or about programs in general, does not
// answer it; the assistant says it does not have that and shows only what is nearest.
import { normalizeText } from '../../knowledge/normalize.ts';

/** A round the question names: 「第21回」「23次」「3次公募」 (「2回目の申請」 is the owner's own count, not a round). */
export type RoundMarker = { n: number; text: string };

const ROUND = /第\s*(\d{1,3})\s*(?:回|次)(?!目)|(?<![\d.])(\d{1,3})\s*次(?!元|産業|会)/g;

export function roundsIn(question: string): RoundMarker[] {
  const text = normalizeText(question);
  const seen = new Set<number>();
  const out: RoundMarker[] = [];
  for (const m of text.matchAll(ROUND)) {
    const n = Number(m[1] ?? m[2]);
    if (seen.has(n)) continue;
    seen.add(n);
    out.push({ n, text: m[0].replace(/\s+/g, '') });
  }
  return out;
}

/** Whether a text speaks of that round (第21回, 21回, 21次). */
export function mentionsRound(text: string, round: RoundMarker): boolean {
  return new RegExp(`(?<![\\d.])${round.n}\\s*(?:回|次)(?!目)`).test(normalizeText(text));
}

/** Words that say a fact is not confirmed or not yet known. */
export const UNCONFIRMED = /未確認|確認できていません|確認できません|未定|まだ(?:発表|公表|決まって)|わかっていません/;

/** Program names the question uses: 「業務改善助成金」「IT補助金」. Generic phrases (使える補助金) carry no name. */
const PROGRAM_NAME = /([\p{sc=Han}\p{sc=Katakana}ーA-Za-z0-9・&]{2,})(補助金|助成金|給付金|交付金|奨励金|支援金)/gu;
/** The generic ending of a program name: what is left is its distinctive part. */
export const PROGRAM_SUFFIX = /(補助金|助成金|給付金|交付金|奨励金|支援金)$/;
const GENERIC_HEAD = /^(?:国|県|市|町|村|都|府|道|区|各|他|別|新|次|同|本|当|該当|一般|公的|主な)+/;

export function programNamesIn(question: string): string[] {
  const text = normalizeText(question);
  const names: string[] = [];
  for (const m of text.matchAll(PROGRAM_NAME)) {
    const head = m[1]!.replace(/^・+/, '');
    if (head.replace(GENERIC_HEAD, '').length < 2) continue;
    names.push(`${head}${m[2]}`);
  }
  return names;
}
