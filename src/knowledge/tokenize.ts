// Japanese analysis for retrieval: kuromoji content words (base forms, noun compounds) and
// character bigrams over the surface and over kuromoji's readings, so that かな spellings,
// kanji spellings and small typos still meet (DESIGN §5).
import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import type { ConceptLexicon } from './embeddings.ts';
import { charBigrams, foldKana, normalizeText } from './normalize.ts';

/** words: content words and concept tokens; grams: bigrams; head: words of a passage's title, aliases and section. */
export type Analysis = { words: string[]; grams: string[]; head?: string[] };

/** Prefix of concept tokens among the words: "#deadline" stands for 締切, 締め切り, 〆切 ... */
export const CONCEPT_PREFIX = '#';

/** Identifies the analysis, so an index made by another analysis is rebuilt. */
export function analyzerId(lexicon?: ConceptLexicon): string {
  return `kuromoji-0.1.2/words+bigrams+readings/v8/concepts:${lexicon?.fingerprint ?? 'none'}`;
}

type Token = kuromoji.IpadicFeatures;

const STOP_WORDS = new Set([
  'する', 'ある', 'いる', 'なる', 'できる', 'れる', 'られる', 'いう', 'おる', 'くる', 'くれる', 'もらう', 'いただく', 'やる', 'ござる',
  'こと', 'もの', 'ため', 'よう', 'これ', 'それ', 'あれ', 'どれ', 'ここ', 'そこ', 'どこ', 'とき', 'ところ', 'ほう', 'うち', 'さん', '様',
  'の', 'ん', 'わけ', 'はず', 'つもり', 'ない', 'いい', 'よい', 'ほしい', 'たい', '何', 'なに', 'なん', 'いつ', 'どう', 'どの', 'どんな',
  // verbs of asking, not of the subject asked about
  '探す', '教える', '知る', 'わかる', '分かる', '思う', '聞く', '考える', '言う', '見る', '頼む', '困る',
  // chat and dialect words that carry no subject (ええんか, あかん = あか+ん or な+あ+かん, 俺)
  '一番', 'いちばん', 'ええ', 'あかん', 'あく', 'かん', 'かまう', 'ほんま', 'めっちゃ', 'ちょっと', 'やっぱり', 'やっぱ', 'みたい', 'ちゃう',
  '俺', 'おれ', 'わし', '僕', 'ぼく', '私', 'わたし', 'あたし', 'あんた', '自分',
]);
/** A word must hold a letter or digit ("?" alone is not a word) and be more than one kana (さ, ん). */
const isWord = (w: string) => /[\p{L}\p{N}]/u.test(w) && !/^[\u3041-\u30ff]$/.test(w);
const HAS_KANJI = /[\u4e00-\u9fff々〆]/;

function isContent(t: Token): boolean {
  if (t.pos === '名詞') return !['非自立', '代名詞', '数'].includes(t.pos_detail_1);
  if (t.pos === '動詞' || t.pos === '形容詞') return t.pos_detail_1 === '自立';
  return false;
}

const isNounLike = (t: Token) => t.pos === '名詞' && !['非自立', '代名詞'].includes(t.pos_detail_1);

function baseOf(t: Token): string {
  return t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form;
}

export class JapaneseAnalyzer {
  private readonly memo = new Map<string, Analysis>();

  readonly id: string;

  constructor(
    private readonly tokenizer: kuromoji.Tokenizer<Token>,
    private readonly lexicon?: ConceptLexicon,
    private readonly memoSize = 4096,
  ) {
    this.id = analyzerId(lexicon);
  }

  /** Content words, normalised and folded, in text order. */
  words(text: string): string[] {
    return this.analyze(text).words;
  }

  analyze(text: string): Analysis {
    const cached = this.memo.get(text);
    if (cached) return cached;
    const result = this.compute(text);
    if (this.memo.size >= this.memoSize) this.memo.delete(this.memo.keys().next().value as string);
    this.memo.set(text, result);
    return result;
  }

  private compute(text: string): Analysis {
    const normalized = normalizeText(text);
    const tokens = this.tokenizer.tokenize(normalized);
    const words: string[] = [];
    let compound: Token[] = [];
    const flushCompound = () => {
      if (compound.length > 1) {
        const joined = compound.map((t) => t.surface_form).join('');
        if (joined.length <= 16) words.push(foldKana(joined));
      }
      compound = [];
    };
    // readings of runs of kanji-bearing tokens: 持続化補助金 → ジゾクカホジョキン
    const readingRuns: string[] = [];
    let reading = '';
    for (const t of tokens) {
      if (isNounLike(t) && t.pos_detail_1 !== '数') compound.push(t);
      else flushCompound();
      if (isContent(t)) {
        const w = foldKana(baseOf(t));
        if (!STOP_WORDS.has(baseOf(t)) && !STOP_WORDS.has(w) && isWord(w)) words.push(w);
      }
      if (HAS_KANJI.test(t.surface_form) && t.reading && t.reading !== '*') reading += t.reading;
      else if (reading) {
        readingRuns.push(reading);
        reading = '';
      }
    }
    flushCompound();
    if (reading) readingRuns.push(reading);

    if (this.lexicon) for (const c of this.lexicon.conceptsIn(foldKana(normalized))) words.push(CONCEPT_PREFIX + c);
    const grams = charBigrams(foldKana(normalized));
    for (const run of readingRuns) grams.push(...charBigrams(foldKana(run)));
    return { words, grams };
  }
}

let shared: Promise<kuromoji.Tokenizer<Token>> | undefined;

/** Loads the kuromoji dictionary once per process (about a second and ~350 MB). */
function loadKuromoji(): Promise<kuromoji.Tokenizer<Token>> {
  shared ??= new Promise((resolve, reject) => {
    const require = createRequire(import.meta.url);
    const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) {
        shared = undefined;
        reject(err);
      } else resolve(tokenizer);
    });
  });
  return shared;
}

/** An analyzer over the shared kuromoji tokenizer, adding concept tokens from the lexicon. */
export async function loadAnalyzer(lexicon?: ConceptLexicon): Promise<JapaneseAnalyzer> {
  return new JapaneseAnalyzer(await loadKuromoji(), lexicon);
}
