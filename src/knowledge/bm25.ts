// BM25 through MiniSearch (BM25+ scoring) over three pre-analysed fields: the head (title,
// aliases, section), content words and character bigrams. The Japanese analysis happens before, so MiniSearch's tokenizer only
// splits on the separator.
import MiniSearch from 'minisearch';
import type { DocKind } from '../domain/knowledge.ts';
import type { Analysis } from './tokenize.ts';

type Row = { id: number; words: string; grams: string; head: string };
export type ScoredId = { id: number; score: number };

const SEP = ' ';
/** BM25F-style: what a passage is about (its head) weighs most, bigrams least. */
const FIELD_BOOST = { head: 3, words: 2, grams: 1 };
/**
 * Query cost budget. MiniSearch scores every passage holding any query term, so the cost of a
 * query is the sum of its terms' document frequencies. Terms are taken rarest first until that
 * sum would pass the budget (the rarest term of each field is always kept). Common terms rank
 * little anyway (their idf is near zero); on a corpus of a few thousand passages nothing is cut.
 */
export const POSTINGS_BUDGET = 4_000;
const MAX_QUERY_GRAMS = 16;

const options = {
  idField: 'id',
  fields: ['head', 'words', 'grams'],
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
      return { id, words: analysis.words.join(SEP), grams: analysis.grams.join(SEP), head: (analysis.head ?? []).join(SEP) };
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

  /** The query's terms worth searching, rarest first, within the postings budget. */
  private queryTerms(query: Analysis): { words: string[]; grams: string[] } {
    const candidates = [
      ...[...new Set(query.words)].map((t) => ({ field: 'w' as const, t, df: this.documentFrequency('w', t) })),
      ...[...new Set(query.grams)].map((t) => ({ field: 'g' as const, t, df: this.documentFrequency('g', t) })),
    ]
      .filter((c) => c.df > 0)
      .sort((a, b) => a.df - b.df);
    const words: string[] = [];
    const grams: string[] = [];
    let spent = 0;
    for (const c of candidates) {
      const list = c.field === 'w' ? words : grams;
      const within = spent + c.df <= POSTINGS_BUDGET;
      if (!within && list.length) continue;
      if (c.field === 'g' && grams.length >= MAX_QUERY_GRAMS) continue;
      list.push(c.t);
      spent += c.df;
    }
    return { words, grams };
  }

  search(query: Analysis, k: number, kinds?: readonly DocKind[]): ScoredId[] {
    const { words, grams } = this.queryTerms(query);
    if (!words.length && !grams.length) return [];
    const allowed = kinds?.length ? new Set(kinds) : undefined;
    const results = this.ms.search(
      {
        combineWith: 'OR',
        queries: [
          ...(words.length ? [{ queries: [words.join(SEP)], fields: ['head', 'words'] }] : []),
          ...(grams.length ? [{ queries: [grams.join(SEP)], fields: ['grams'] }] : []),
        ],
      },
      { filter: allowed ? (r) => allowed.has(this.kinds[r.id as number]!) : undefined },
    );
    return results.slice(0, k).map((r) => ({ id: r.id as number, score: r.score }));
  }
}
