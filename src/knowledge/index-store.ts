// The index on disk under <dataDir>/index: a manifest of content hashes, the chunks, their
// analyses and vectors (kept so unchanged documents are never re-analysed or re-embedded),
// the BM25 index and the HNSW graph. Written to a temporary folder and swapped in whole.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Chunk } from '../domain/knowledge.ts';
import { Bm25Index, type Bm25Json } from './bm25.ts';
import type { Problem, SourceFile } from './sources.ts';
import type { Analysis } from './tokenize.ts';
import { VectorIndex } from './vector-index.ts';

export const INDEX_FORMAT = 1;
/** Bump when chunking or the file layout changes, so every index is rebuilt. */
export const INDEX_LAYOUT = 'chunk-450/head-field/v2';

export type Manifest = {
  format: number;
  analyzer: string;
  embedder: string;
  dimensions: number;
  builtAt: string;
  chunkCount: number;
  /** Every listed file, including ones that failed to load (chunks 0, with their problems). */
  sources: Record<string, { path: string; type: SourceFile['type']; hash: string; chunks: number; problems?: Problem[] }>;
};

export type KnowledgeIndex = {
  manifest: Manifest;
  chunks: Chunk[];
  bm25: Bm25Index;
  vectors: VectorIndex;
};

/** What a rebuild can reuse: chunks with their analyses and vectors, grouped by source id. */
export type ReusableSource = { chunks: Chunk[]; analyses: Analysis[]; vectors: Float32Array[] };

const FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.json',
  analyses: 'analyses.json',
  vectors: 'vectors.f32',
  bm25: 'bm25.json',
  hnsw: 'hnsw.bin',
} as const;

export const indexDirOf = (dataDir: string) => path.join(dataDir, 'index');

export function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, FILES.manifest);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return m.format === INDEX_FORMAT ? m : undefined;
  } catch {
    return undefined; // a damaged manifest means: rebuild
  }
}

/** True when the index was built from exactly these files with this analyzer and embedder. */
export function isFresh(manifest: Manifest | undefined, files: SourceFile[], analyzer: string, embedder: string): manifest is Manifest {
  if (!manifest || manifest.analyzer !== `${INDEX_LAYOUT}/${analyzer}` || manifest.embedder !== embedder) return false;
  const ids = Object.keys(manifest.sources);
  if (ids.length !== files.length) return false;
  return files.every((f) => manifest.sources[f.id]?.hash === f.hash && manifest.sources[f.id]?.path === f.path);
}

export async function loadIndex(dir: string, manifest: Manifest): Promise<KnowledgeIndex> {
  const chunks = JSON.parse(readFileSync(path.join(dir, FILES.chunks), 'utf8')) as Chunk[];
  const bm25 = Bm25Index.fromJSON(JSON.parse(readFileSync(path.join(dir, FILES.bm25), 'utf8')) as Bm25Json);
  const vectors = await VectorIndex.load(path.join(dir, FILES.hnsw), manifest.dimensions, manifest.chunkCount);
  if (chunks.length !== manifest.chunkCount || bm25.size !== chunks.length) throw new Error(`index in ${dir} is inconsistent`);
  return { manifest, chunks, bm25, vectors };
}

/** Previous chunks, analyses and vectors by source id, when they were made by the same analyzer and embedder. */
export function readReusable(dir: string, analyzer: string, embedder: string): Map<string, ReusableSource> {
  const out = new Map<string, ReusableSource>();
  const manifest = readManifest(dir);
  if (!manifest || manifest.analyzer !== `${INDEX_LAYOUT}/${analyzer}` || manifest.embedder !== embedder) return out;
  try {
    const chunks = JSON.parse(readFileSync(path.join(dir, FILES.chunks), 'utf8')) as Chunk[];
    const analyses = JSON.parse(readFileSync(path.join(dir, FILES.analyses), 'utf8')) as Analysis[];
    const raw = readFileSync(path.join(dir, FILES.vectors));
    const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    if (analyses.length !== chunks.length || all.length !== chunks.length * manifest.dimensions) return out;
    // Registry chunks carry their registry's id as docId; source ids match chunk docIds.
    chunks.forEach((c, i) => {
      const entry = out.get(c.docId) ?? { chunks: [], analyses: [], vectors: [] };
      entry.chunks.push(c);
      entry.analyses.push(analyses[i]!);
      entry.vectors.push(all.slice(i * manifest.dimensions, (i + 1) * manifest.dimensions));
      out.set(c.docId, entry);
    });
  } catch {
    out.clear(); // unreadable leftovers: analyse everything again
  }
  return out;
}

export async function writeIndex(dir: string, index: KnowledgeIndex, analyses: Analysis[], vectors: Float32Array[]): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(path.join(tmp, FILES.chunks), JSON.stringify(index.chunks));
  writeFileSync(path.join(tmp, FILES.analyses), JSON.stringify(analyses));
  const flat = new Float32Array(vectors.length * index.manifest.dimensions);
  vectors.forEach((v, i) => flat.set(v, i * index.manifest.dimensions));
  writeFileSync(path.join(tmp, FILES.vectors), Buffer.from(flat.buffer));
  writeFileSync(path.join(tmp, FILES.bm25), JSON.stringify(index.bm25.toJSON()));
  await index.vectors.save(path.join(tmp, FILES.hnsw));
  // the manifest last: a folder without one is never taken for a finished index
  writeFileSync(path.join(tmp, FILES.manifest), JSON.stringify(index.manifest, null, 1));
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}
