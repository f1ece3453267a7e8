// What a question pins down that an answer must match: a named round (第21回, 23次), a numbered
// form (様式07) and a named program (業務改善助成金). An answer about another round or form, or about
// programs in general, does not answer it; the assistant says it does not have that and shows only
// what is nearest.
import { normalizeText } from '../../knowledge/normalize.ts';

/**
 * A numbered thing the question names: a round 「第21回」「23次」「3次公募」 (「2回目の申請」 is the owner's
 * own count, not a round) or a form 「様式07」「様式4」.
 */
export type RoundMarker = { kind: 'round' | 'form'; n: number; text: string };

const ROUND = /第\s*(\d{1,3})\s*(?:回|次)(?!目)|(?<![\d.])(\d{1,3})\s*次(?!元|産業|会)/g;
const FORM = /様式\s*(?:第\s*)?(\d{1,3})(?![\d.])/g;

export function roundsIn(question: string): RoundMarker[] {
  const text = normalizeText(question);
  const seen = new Set<string>();
  const out: RoundMarker[] = [];
  const add = (kind: RoundMarker['kind'], n: number, written: string) => {
    if (seen.has(`${kind}${n}`)) return;
    seen.add(`${kind}${n}`);
    out.push({ kind, n, text: written.replace(/\s+/g, '') });
  };
  for (const m of text.matchAll(ROUND)) add('round', Number(m[1] ?? m[2]), m[0]);
  for (const m of text.matchAll(FORM)) add('form', Number(m[1]), m[0]);
  return out;
}

/** Whether a text speaks of that round (第21回, 21回, 21次) or form (様式07 = 様式7, or 07 in a 様式 table row). */
export function mentionsRound(text: string, marker: RoundMarker): boolean {
  const t = normalizeText(text);
  if (marker.kind === 'form') return new RegExp(`様式\\s*(?:第\\s*)?0*${marker.n}(?![\\d.])|(?:^|[|｜／/:：])\\s*0*${marker.n}\\s*(?:[|｜／/:：]|$)`, 'm').test(t);
  return new RegExp(`(?<![\\d.])${marker.n}\\s*(?:回|次)(?!目)`).test(t);
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
