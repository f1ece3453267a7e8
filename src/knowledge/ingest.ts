// Ingestion: list the knowledge files, reuse what is unchanged, analyse and embed only the
// changed documents, rebuild BM25 and HNSW, and persist. Run by `tsunagu ingest` and
// automatically at start-up when the index is missing or stale.
import { mkdirSync } from 'node:fs';
import type { Embeddings } from '@langchain/core/embeddings';
import type { Chunk } from '../domain/knowledge.ts';
import { Bm25Index } from './bm25.ts';
import { analyzeChunk, indexText } from './chunk.ts';
import {
  INDEX_LAYOUT,
  INDEX_FORMAT,
  indexDirOf,
  readManifest,
  readReusable,
  writeIndex,
  type KnowledgeIndex,
  type Manifest,
} from './index-store.ts';
import { listSources, loadSource, type Problem } from './sources.ts';
import type { Analysis, JapaneseAnalyzer } from './tokenize.ts';
import { VectorIndex } from './vector-index.ts';

export type IngestOptions = {
  roots: string[];
  registryFile?: string;
  dataDir: string;
  analyzer: JapaneseAnalyzer;
  embedder: { embeddings: Embeddings; fingerprint: string };
  /** Re-analyse everything even when unchanged. */
  force?: boolean;
  /** The files already listed by the caller (listing reads and hashes every file). */
  listed?: ReturnType<typeof listSources>;
};

export type IngestReport = {
  rebuilt: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  chunks: number;
  problems: Problem[];
  ms: number;
};

const EMBED_BATCH = 256;

async function embedAll(embeddings: Embeddings, texts: string[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const batch = await embeddings.embedDocuments(texts.slice(i, i + EMBED_BATCH));
    for (const v of batch) out.push(Float32Array.from(v));
  }
  return out;
}

export async function ingest(opts: IngestOptions): Promise<{ index: KnowledgeIndex; report: IngestReport }> {
  const started = performance.now();
  const dir = indexDirOf(opts.dataDir);
  mkdirSync(opts.dataDir, { recursive: true });
  const listed = opts.listed ?? listSources(opts.roots, opts.registryFile);
  const { files } = listed;
  const problems = [...listed.problems]; // the listing may be shared (the catalog reuses it)
  const previous = readManifest(dir);
  const reusable = opts.force ? new Map() : readReusable(dir, opts.analyzer.id, opts.embedder.fingerprint);

  const report: IngestReport = { rebuilt: true, added: [], changed: [], removed: [], unchanged: 0, chunks: 0, problems, ms: 0 };
  const chunks: Chunk[] = [];
  const analyses: Analysis[] = [];
  const vectors: (Float32Array | undefined)[] = [];
  const sources: Manifest['sources'] = {};

  for (const file of files) {
    const before = previous?.sources[file.id];
    if (!opts.force && before?.hash === file.hash && before.chunks === 0 && before.problems?.length) {
      problems.push(...before.problems); // still broken: report again without re-reading
      sources[file.id] = before;
      report.unchanged++;
      continue;
    }
    const reuse = before?.hash === file.hash ? reusable.get(file.id) : undefined;
    if (reuse && before && reuse.chunks.length === before.chunks) {
      chunks.push(...reuse.chunks);
      analyses.push(...reuse.analyses);
      vectors.push(...reuse.vectors);
      sources[file.id] = { ...before, path: file.path };
      if (before.problems) problems.push(...before.problems); // e.g. bad registry rows, still there
      report.unchanged++;
      continue;
    }
    const loaded = await loadSource(file);
    problems.push(...loaded.problems);
    if (!loaded.chunks.length && loaded.problems.length) {
      // unusable file: reported and skipped, remembered so an unchanged broken file does not force rebuilds
      sources[file.id] = { path: file.path, type: file.type, hash: file.hash, chunks: 0, problems: loaded.problems };
      continue;
    }
    (before ? report.changed : report.added).push(file.id);
    for (const c of loaded.chunks) {
      chunks.push(c);
      analyses.push(analyzeChunk(opts.analyzer, c));
      vectors.push(undefined);
    }
    sources[file.id] = { path: file.path, type: file.type, hash: file.hash, chunks: loaded.chunks.length, problems: loaded.problems.length ? loaded.problems : undefined };
  }
  if (previous) report.removed = Object.keys(previous.sources).filter((id) => !sources[id]);

  // embed only the new passages
  const missing = vectors.flatMap((v, i) => (v ? [] : [i]));
  const fresh = await embedAll(opts.embedder.embeddings, missing.map((i) => indexText(chunks[i]!)));
  missing.forEach((i, j) => (vectors[i] = fresh[j]));
  const dense = vectors as Float32Array[];
  const dimensions = dense[0]?.length ?? previous?.dimensions ?? 0;

  const manifest: Manifest = {
    format: INDEX_FORMAT,
    analyzer: `${INDEX_LAYOUT}/${opts.analyzer.id}`,
    embedder: opts.embedder.fingerprint,
    dimensions,
    builtAt: new Date().toISOString(),
    chunkCount: chunks.length,
    sources,
  };
  const index: KnowledgeIndex = {
    manifest,
    chunks,
    bm25: Bm25Index.build(chunks.map((c, i) => ({ kind: c.kind, analysis: analyses[i]! }))),
    vectors: VectorIndex.build(dense, dimensions),
  };
  await writeIndex(dir, index, analyses, dense);
  report.chunks = chunks.length;
  report.ms = Math.round(performance.now() - started);
  return { index, report };
}
