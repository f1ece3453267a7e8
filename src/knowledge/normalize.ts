// Japanese text normalisation shared by indexing and querying (DESIGN §5).

const LONG_VOWEL_LOOKALIKES = /([\u3041-\u309f\u30a0-\u30ff])[\u2010-\u2015\u2212\u2500\u2501\uff0d\uff70-]/g;
const TILDES = /[~\u223c\u301c\uff5e\u02dc]/g;

/**
 * NFKC (full/half width, compatibility characters), lower-case Latin, long-vowel marks
 * after kana unified to ー, tilde variants unified to 〜, whitespace collapsed.
 */
export function normalizeText(input: string): string {
  let s = input.normalize('NFKC').toLowerCase();
  // a dash after kana is a long-vowel mark (ｻｰﾊﾞｰ, サ－バ－ → サーバー); repeat for runs like ーー
  s = s.replace(LONG_VOWEL_LOOKALIKES, '$1ー').replace(LONG_VOWEL_LOOKALIKES, '$1ー');
  s = s.replace(TILDES, '〜');
  return s.replace(/\s+/g, ' ').trim();
}

/** Hiragana → katakana (other characters unchanged). */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * Folds kana spellings that owners mix up, for the character n-gram field only:
 * hiragana → katakana, ヅ→ズ, ヂ→ジ, ヴ→ブ, ヲ→オ, small vowels → large.
 */
export function foldKana(s: string): string {
  return toKatakana(s)
    .replace(/ヅ/g, 'ズ')
    .replace(/ヂ/g, 'ジ')
    .replace(/ヴ/g, 'ブ')
    .replace(/ヲ/g, 'オ')
    .replace(/[ァィゥェォ]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 1));
}

const WORD_CHAR = /[\p{L}\p{N}ー々〆〇]/u;

/** Character bigrams within runs of word characters (punctuation and spaces break runs). */
export function charBigrams(s: string): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    const chars = Array.from(run);
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    run = '';
  };
  for (const ch of s) {
    if (WORD_CHAR.test(ch)) run += ch;
    else if (run) flush();
  }
  if (run) flush();
  return out;
}
