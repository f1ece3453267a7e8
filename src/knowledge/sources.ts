// Finds the knowledge files under the roots and turns each into chunks.
// Listing is cheap (read + hash); loading (parsing, PDF extraction) happens only for
// files whose hash changed since the last index.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Chunk, KnowledgeDoc } from '../domain/knowledge.ts';
import type { Partner } from '../domain/partner.ts';
import { TsunaguError } from '../domain/errors.ts';
import { chunkMarkdown } from './chunk.ts';
import { parseMarkdownDoc } from './loaders/markdown.ts';
import { loadPdfDoc, parseSidecar } from './loaders/pdf.ts';
import { parseRegistry, partnerChunk, type Problem } from './loaders/registry.ts';

export type { Problem };

export type SourceFile = {
  id: string; // document id: path relative to its root, without extension
  path: string;
  type: 'markdown' | 'pdf' | 'registry';
  hash: string; // sha256 of the bytes (PDF: plus its sidecar)
};

/** Folders of a knowledge root that hold structured content, not retrievable documents. */
const NOT_DOCUMENTS = new Set(['taxonomy', 'diagnosis', 'templates']);

const sha256 = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

function* walk(dir: string, rel = ''): Generator<{ abs: string; rel: string }> {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const abs = path.join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(abs).isDirectory()) {
      if (!rel && NOT_DOCUMENTS.has(name)) continue;
      yield* walk(abs, r);
    } else yield { abs, rel: r };
  }
}

export function docIdOf(relPath: string): string {
  return relPath.replace(/\\/g, '/').replace(/\.[^./]+$/, '');
}

/**
 * Lists every document, PDF and registry file. The registry is `registryFile` when given
 * (it replaces the roots' own partners/*.csv|json), else the roots' partners/ files.
 */
export function listSources(roots: string[], registryFile?: string): { files: SourceFile[]; problems: Problem[] } {
  const files: SourceFile[] = [];
  const problems: Problem[] = [];
  const byId = new Map<string, string>();
  const add = (f: SourceFile) => {
    const other = byId.get(f.id);
    if (other) {
      problems.push({ file: f.path, field: 'id', message: `document id "${f.id}" is also used by ${other}; ids must be unique across knowledge roots` });
      return;
    }
    byId.set(f.id, f.path);
    files.push(f);
  };
  for (const root of roots) {
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      problems.push({ file: root, message: 'knowledge root is not a directory' });
      continue;
    }
    for (const { abs, rel } of walk(root)) {
      const lower = rel.toLowerCase();
      if (lower.endsWith('.md') && path.basename(lower) !== 'readme.md') {
        add({ id: docIdOf(rel), path: abs, type: 'markdown', hash: sha256(readFileSync(abs)) });
      } else if (lower.endsWith('.pdf')) {
        const sidecar = `${abs}.yaml`;
        const hash = sha256(readFileSync(abs), existsSync(sidecar) ? readFileSync(sidecar) : '');
        add({ id: docIdOf(rel), path: abs, type: 'pdf', hash });
      } else if (!registryFile && /^partners\/.+\.(csv|json)$/.test(lower)) {
        add({ id: docIdOf(rel), path: abs, type: 'registry', hash: sha256(readFileSync(abs)) });
      }
    }
  }
  if (registryFile) {
    if (existsSync(registryFile)) {
      add({ id: `partners/${docIdOf(path.basename(registryFile))}`, path: registryFile, type: 'registry', hash: sha256(readFileSync(registryFile)) });
    } else problems.push({ file: registryFile, message: 'registry file not found' });
  }
  return { files, problems };
}

export type LoadedSource = { docs: KnowledgeDoc[]; chunks: Chunk[]; partners: Partner[]; problems: Problem[] };

/** Parses one source file into documents and chunks. Problems are returned, not thrown. */
export async function loadSource(file: SourceFile): Promise<LoadedSource> {
  const empty: LoadedSource = { docs: [], chunks: [], partners: [], problems: [] };
  try {
    if (file.type === 'markdown') {
      const doc = parseMarkdownDoc({ id: file.id, path: file.path, source: readFileSync(file.path, 'utf8'), hash: file.hash });
      return { ...empty, docs: [doc], chunks: chunkMarkdown(doc) };
    }
    if (file.type === 'pdf') {
      const sidecarPath = `${file.path}.yaml`;
      const sidecar = existsSync(sidecarPath) ? parseSidecar(sidecarPath, readFileSync(sidecarPath, 'utf8')) : undefined;
      const doc = await loadPdfDoc({ id: file.id, path: file.path, data: new Uint8Array(readFileSync(file.path)), sidecar, hash: file.hash });
      return { ...empty, docs: [doc], chunks: chunkMarkdown(doc) };
    }
    const { partners, problems } = parseRegistry(file.path, new Uint8Array(readFileSync(file.path)));
    const title = `企業登録簿（${path.basename(file.path)}）`;
    const chunks = partners.map((p) => partnerChunk(file.id, p, { title }));
    return { ...empty, chunks, partners, problems };
  } catch (e) {
    if (e instanceof TsunaguError) return { ...empty, problems: [{ file: e.details.file ?? file.path, line: e.details.line, field: e.details.field, message: e.reason }] };
    throw e;
  }
}
