// BM25 through MiniSearch (BM25+ scoring) over two pre-analysed fields: content words and
// character bigrams. The Japanese analysis happens before, so MiniSearch's tokenizer only
// splits on the separator.
import MiniSearch from 'minisearch';
import type { DocKind } from '../domain/knowledge.ts';
import type { Analysis } from './tokenize.ts';

type Row = { id: number; words: string; grams: string };
export type ScoredId = { id: number; score: number };

const SEP = ' ';
const FIELD_BOOST = { words: 2, grams: 1 };
/**
 * Query-term pruning. MiniSearch scores every passage holding any query term, so a term found
 * in a large share of a big corpus costs much and ranks little (its idf is near zero). Terms
 * more common than max(COMMON_FLOOR, COMMON_SHARE × N) are dropped, keeping at least
 * MIN_TERMS of the rarest; at most MAX_QUERY_GRAMS bigrams are kept. Small corpora are not
 * pruned at all (the floor exceeds their size).
 */
const COMMON_FLOOR = 500;
const COMMON_SHARE = 0.03;
const MIN_TERMS = 1;
const MAX_QUERY_GRAMS = 16;

const options = {
  idField: 'id',
  fields: ['words', 'grams'],
  storeFields: [] as string[],
  tokenize: (text: string) => text.split(SEP),
  processTerm: (term: string) => term || null,
  searchOptions: { boost: FIELD_BOOST },
};

export type Bm25Json = { minisearch: unknown; kinds: DocKind[]; df: [string, number][] };

export class Bm25Index {
  private constructor(
    private readonly ms: MiniSearch<Row>,
    private readonly kinds: DocKind[],
    private readonly df: Map<string, number>,
  ) {}

  static build(items: { kind: DocKind; analysis: Analysis }[]): Bm25Index {
    const ms = new MiniSearch<Row>(options);
    const df = new Map<string, number>();
    const rows: Row[] = items.map(({ analysis }, id) => {
      for (const t of new Set(analysis.words)) df.set(`w:${t}`, (df.get(`w:${t}`) ?? 0) + 1);
      for (const t of new Set(analysis.grams)) df.set(`g:${t}`, (df.get(`g:${t}`) ?? 0) + 1);
      return { id, words: analysis.words.join(SEP), grams: analysis.grams.join(SEP) };
    });
    ms.addAll(rows);
    return new Bm25Index(ms, items.map((i) => i.kind), df);
  }

  static fromJSON(json: Bm25Json): Bm25Index {
    return new Bm25Index(MiniSearch.loadJS<Row>(json.minisearch as Parameters<typeof MiniSearch.loadJS>[0], options), json.kinds, new Map(json.df));
  }

  toJSON(): Bm25Json {
    return { minisearch: this.ms.toJSON(), kinds: this.kinds, df: [...this.df] };
  }

  get size(): number {
    return this.kinds.length;
  }

  /** Passages containing the word (w) or bigram (g). */
  documentFrequency(field: 'w' | 'g', term: string): number {
    return this.df.get(`${field}:${term}`) ?? 0;
  }

  /** Inverse document frequency in (0, ~log N]; unseen terms get the maximum. */
  idf(field: 'w' | 'g', term: string): number {
    const n = this.size || 1;
    const df = this.documentFrequency(field, term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The query's terms worth searching in one field: known, not too common, rarest first. */
  private queryTerms(field: 'w' | 'g', terms: string[], max = Infinity): string[] {
    const known = [...new Set(terms)].filter((t) => this.documentFrequency(field, t) > 0);
    known.sort((a, b) => this.documentFrequency(field, a) - this.documentFrequency(field, b));
    const limit = Math.max(COMMON_FLOOR, this.size * COMMON_SHARE);
    const rare = known.filter((t) => this.documentFrequency(field, t) <= limit);
    return (rare.length >= MIN_TERMS ? rare : known.slice(0, MIN_TERMS)).slice(0, max);
  }

  search(query: Analysis, k: number, kinds?: readonly DocKind[]): ScoredId[] {
    const words = this.queryTerms('w', query.words);
    const grams = this.queryTerms('g', query.grams, MAX_QUERY_GRAMS);
    if (!words.length && !grams.length) return [];
    const allowed = kinds?.length ? new Set(kinds) : undefined;
    const results = this.ms.search(
      {
        combineWith: 'OR',
        queries: [
          ...(words.length ? [{ queries: [words.join(SEP)], fields: ['words'] }] : []),
          ...(grams.length ? [{ queries: [grams.join(SEP)], fields: ['grams'] }] : []),
        ],
      },
      { filter: allowed ? (r) => allowed.has(this.kinds[r.id as number]!) : undefined },
    );
    return results.slice(0, k).map((r) => ({ id: r.id as number, score: r.score }));
  }
}
