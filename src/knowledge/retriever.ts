// Hybrid retrieval: BM25 (words + bigrams) and nearest neighbours over embeddings, fused by
// reciprocal rank, optionally restricted to some kinds of document.
import type { Embeddings } from '@langchain/core/embeddings';
import type { Chunk, DocKind } from '../domain/knowledge.ts';
import type { ScoredId } from './bm25.ts';
import type { KnowledgeIndex } from './index-store.ts';
import type { Analysis, JapaneseAnalyzer } from './tokenize.ts';

export type RetrievalMode = 'hybrid' | 'bm25' | 'dense';

export type SearchOptions = {
  k?: number;
  kinds?: readonly DocKind[];
  mode?: RetrievalMode;
};

export type SearchHit = {
  chunk: Chunk;
  /** Fused score (RRF) in hybrid mode, else the single method's score. */
  score: number;
  bm25?: { rank: number; score: number };
  dense?: { rank: number; score: number };
};

/** Standard RRF constant (Cormack et al.); larger values flatten the rank curve. */
const RRF_K = 60;
/** How deep each method's list goes into the fusion. */
const FUSION_DEPTH = 50;

export function reciprocalRankFusion(lists: ScoredId[][], k = RRF_K): Map<number, number> {
  const fused = new Map<number, number>();
  for (const list of lists) list.forEach((hit, rank) => fused.set(hit.id, (fused.get(hit.id) ?? 0) + 1 / (k + rank + 1)));
  return fused;
}

export class HybridRetriever {
  constructor(
    readonly index: KnowledgeIndex,
    readonly analyzer: JapaneseAnalyzer,
    private readonly embeddings: Embeddings,
  ) {}

  analyze(query: string): Analysis {
    return this.analyzer.analyze(query);
  }

  private kindFilter(kinds?: readonly DocKind[]): ((id: number) => boolean) | undefined {
    if (!kinds?.length) return undefined;
    const allowed = new Set(kinds);
    return (id) => allowed.has(this.index.chunks[id]!.kind);
  }

  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const k = opts.k ?? 8;
    const mode = opts.mode ?? 'hybrid';
    const depth = mode === 'hybrid' ? Math.max(FUSION_DEPTH, k) : k;
    const bm25 = mode === 'dense' ? [] : this.index.bm25.search(this.analyze(query), depth, opts.kinds);
    const dense = mode === 'bm25' ? [] : this.index.vectors.search(await this.embeddings.embedQuery(query), depth, this.kindFilter(opts.kinds));
    if (mode !== 'hybrid') {
      return (mode === 'bm25' ? bm25 : dense).slice(0, k).map((h, rank) => ({
        chunk: this.index.chunks[h.id]!,
        score: h.score,
        [mode]: { rank: rank + 1, score: h.score },
      }));
    }
    const bm25Rank = new Map(bm25.map((h, r) => [h.id, { rank: r + 1, score: h.score }]));
    const denseRank = new Map(dense.map((h, r) => [h.id, { rank: r + 1, score: h.score }]));
    return [...reciprocalRankFusion([bm25, dense])]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([id, score]) => ({ chunk: this.index.chunks[id]!, score, bm25: bm25Rank.get(id), dense: denseRank.get(id) }));
  }
}
