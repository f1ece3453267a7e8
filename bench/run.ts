// `npm run bench`: retrieval quality (BM25 / dense / hybrid side by side) on eval/retrieval,
// query latency and HNSW recall against exact search at growing corpus sizes, index build
// throughput, cold start and memory. Printed as tables. `--quick` skips the 100k corpus.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { loadConfig, PROJECT_ROOT, type Config } from '../src/config.ts';
import { Bm25Index } from '../src/knowledge/bm25.ts';
import { analyzeChunk } from '../src/knowledge/chunk.ts';
import { LocalHashEmbeddings } from '../src/knowledge/embeddings.ts';
import { openKnowledge } from '../src/knowledge/open.ts';
import type { RetrievalMode } from '../src/knowledge/retriever.ts';
import type { Analysis } from '../src/knowledge/tokenize.ts';
import { VectorIndex } from '../src/knowledge/vector-index.ts';
import { loadRetrievalCases, scoreRanking, type RetrievalCase } from './metrics.ts';
import { mb, ms, percentile, printTable } from './table.ts';
import { turnLatency } from './turns.ts';

const MODES: RetrievalMode[] = ['bm25', 'dense', 'hybrid'];
const VARIANT_TAGS = ['colloquial', 'kana', 'typo', 'abbrev'];

async function quality(knowledge: Awaited<ReturnType<typeof openKnowledge>>, cases: RetrievalCase[]) {
  const rows: (string | number)[][] = [];
  const groups: [string, RetrievalCase[]][] = [
    ['all', cases],
    ['owner-style (colloquial/kana/typo/abbrev)', cases.filter((c) => c.tags.some((t) => VARIANT_TAGS.includes(t)))],
    ['standard', cases.filter((c) => !c.tags.some((t) => VARIANT_TAGS.includes(t)))],
  ];
  const misses: string[] = [];
  for (const [group, subset] of groups) {
    for (const mode of MODES) {
      const scores: ReturnType<typeof scoreRanking>[] = [];
      for (const c of subset) {
        const hits = await knowledge.retriever.search(c.query, { k: 30, mode });
        const s = scoreRanking(hits.map((h) => h.chunk), c.relevant);
        scores.push(s);
        if (group === 'all' && mode === 'hybrid' && s.recallAt5 < 1) misses.push(`${c.id} ${c.query} → ${[...new Set(hits.slice(0, 5).map((h) => h.chunk.docId))].join(', ')}`);
      }
      const avg = (f: (s: (typeof scores)[number]) => number) => (scores.reduce((a, s) => a + f(s), 0) / (scores.length || 1)).toFixed(3);
      rows.push([group, mode, subset.length, avg((s) => s.recallAt5), avg((s) => s.mrr), avg((s) => s.ndcgAt10)]);
    }
  }
  printTable('Retrieval quality on eval/retrieval (document level)', ['cases', 'method', 'n', 'recall@5', 'MRR@10', 'nDCG@10'], rows);
  if (misses.length) {
    console.log(`hybrid misses at recall@5 (${misses.length}):`);
    for (const m of misses) console.log(`  ${m}`);
  }
}

/** Grows a corpus of n passages from the real ones: each takes most of its tokens from one real passage and some from another. */
function syntheticCorpus(real: Analysis[], n: number): Analysis[] {
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const mix = (a: string[], b: string[]) => [...a.filter(() => rand() < 0.7), ...b.filter(() => rand() < 0.3)];
  return Array.from({ length: n }, (_, i) => {
    if (i < real.length) return real[i]!;
    const a = real[Math.floor(rand() * real.length)]!;
    const b = real[Math.floor(rand() * real.length)]!;
    return { words: mix(a.words, b.words), grams: mix(a.grams, b.grams), head: a.head };
  });
}

async function scale(knowledge: Awaited<ReturnType<typeof openKnowledge>>, cases: RetrievalCase[], sizes: number[]) {
  const analyzer = knowledge.retriever.analyzer;
  const embedder = new LocalHashEmbeddings(analyzer);
  const real = knowledge.index.chunks.map((c) => analyzeChunk(analyzer, c));
  const queries = cases.map((c) => c.query);
  const rows: (string | number)[][] = [];
  const buildRows: (string | number)[][] = [];
  for (const n of sizes) {
    const corpus = syntheticCorpus(real, n);
    const kinds = corpus.map(() => 'subsidy' as const);
    let t = performance.now();
    const bm25 = Bm25Index.build(corpus.map((analysis, i) => ({ kind: kinds[i]!, analysis })));
    const bm25Ms = performance.now() - t;
    t = performance.now();
    const vectors = corpus.map((a) => embedder.vectorOf(a));
    const embedMs = performance.now() - t;
    t = performance.now();
    const hnsw = VectorIndex.build(vectors, embedder.dimensions);
    const hnswMs = performance.now() - t;
    const exact = new hnswlib.BruteforceSearch('cosine', embedder.dimensions);
    exact.initIndex(n);
    vectors.forEach((v, i) => exact.addPoint(v, i));
    globalThis.gc?.();
    const rss = process.memoryUsage().rss;
    buildRows.push([n, ms(bm25Ms), ms(embedMs), ms(hnswMs), Math.round(n / ((bm25Ms + embedMs + hnswMs) / 1000)), mb(rss)]);

    // latency: analysis + embedding of the query included, as in a real turn
    const lat: Record<string, number[]> = { bm25: [], hnsw: [], exact: [], hybrid: [] };
    let recallSum = 0;
    const rounds = Math.max(1, Math.ceil(300 / queries.length));
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        let s = performance.now();
        const a = analyzer.analyze(q);
        bm25.search(a, 50);
        lat.bm25!.push(performance.now() - s);
        s = performance.now();
        const qv = embedder.vectorOf(analyzer.analyze(q));
        const approx = hnsw.search(qv, 10);
        lat.hnsw!.push(performance.now() - s);
        s = performance.now();
        const truth = exact.searchKnn(embedder.vectorOf(analyzer.analyze(q)), 10);
        lat.exact!.push(performance.now() - s);
        s = performance.now();
        bm25.search(analyzer.analyze(q), 50);
        hnsw.search(embedder.vectorOf(analyzer.analyze(q)), 50);
        lat.hybrid!.push(performance.now() - s);
        if (r === 0) {
          const want = new Set(truth.neighbors);
          recallSum += approx.filter((h) => want.has(h.id)).length / Math.max(1, want.size);
        }
      }
    }
    const p = (k: string, q: number) => ms(percentile(lat[k]!, q));
    rows.push([n, p('bm25', 50), p('bm25', 95), p('hnsw', 50), p('hnsw', 95), p('exact', 50), p('exact', 95), p('hybrid', 50), p('hybrid', 95), (recallSum / queries.length).toFixed(3)]);
  }
  printTable(
    'Query latency (ms, query analysis included) and HNSW recall@10 against exact search (baseline)',
    ['chunks', 'BM25 p50', 'BM25 p95', 'HNSW p50', 'HNSW p95', 'exact p50', 'exact p95', 'hybrid p50', 'hybrid p95', 'HNSW recall@10'],
    rows,
  );
  printTable('Index build on the synthetic corpus', ['chunks', 'BM25 build', 'embed', 'HNSW build', 'chunks/s', 'RSS after'], buildRows);
}

function coldStart(config: Config) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'run-script.js'), path.join(PROJECT_ROOT, 'bench', 'cold-start.ts')], {
      env: { ...process.env, TSUNAGU_DATA_DIR: config.dataDir, TSUNAGU_KNOWLEDGE_DIRS: config.knowledgeDirs.join(':') },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cold start run failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { processMs: number; openMs: number; firstQueryMs: number; rssMb: number });
  }
  runs.sort((a, b) => a.processMs - b.processMs);
  printTable(
    'Cold start with a built index (3 fresh processes, sorted)',
    ['run', 'process start → ready', 'open (index + tokenizer)', 'first query', 'RSS'],
    runs.map((r, i) => [i + 1, ms(r.processMs), ms(r.openMs), ms(r.firstQueryMs), `${r.rssMb} MB`]),
  );
}

export async function runBench(config: Config = loadConfig(), argv: string[] = []) {
  const { values } = parseArgs({ args: argv, options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
  if (values.only === 'turns') return turnLatency(config);
  const sizes = values.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const cases = loadRetrievalCases(path.join(PROJECT_ROOT, 'eval', 'retrieval'));
  console.log(`tsunagu bench — ${new Date().toISOString()} — node ${process.version}, ${cases.length} retrieval cases`);

  // full build of the real knowledge base from scratch
  const t = performance.now();
  const knowledge = await openKnowledge(config, { force: true });
  const buildMs = performance.now() - t;
  printTable(
    'Index build, real knowledge base (from scratch, tokenizer load included)',
    ['sources', 'chunks', 'time', 'chunks/s'],
    [[Object.keys(knowledge.index.manifest.sources).length, knowledge.index.chunks.length, ms(buildMs), Math.round(knowledge.index.chunks.length / (buildMs / 1000))]],
  );
  await quality(knowledge, cases);
  coldStart(config);
  await scale(knowledge, cases, sizes);
  turnLatency(config);
}
