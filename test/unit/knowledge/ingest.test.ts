import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { indexDirOf } from '../../../src/knowledge/index-store.ts';
import { openKnowledge } from '../../../src/knowledge/open.ts';
import { listSources } from '../../../src/knowledge/sources.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from '../../helpers/fixtures.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A writable copy of the fixture root and a data dir. */
function workspace() {
  const root = tempDir();
  const data = tempDir();
  cleanups.push(root.cleanup, data.cleanup);
  cpSync(FIXTURE_KNOWLEDGE, root.dir, { recursive: true });
  return { root: root.dir, config: loadConfig({ TSUNAGU_DATA_DIR: data.dir, TSUNAGU_KNOWLEDGE_DIRS: root.dir }) };
}

describe('ingestion', () => {
  it('builds once, then loads the persisted index while nothing changed', async () => {
    const { config } = workspace();
    const first = await openKnowledge(config);
    expect(first.report?.added).toHaveLength(4);
    const second = await openKnowledge(config);
    expect(second.report).toBeUndefined();
    expect(second.index.chunks).toEqual(first.index.chunks);
    expect((await second.retriever.search('安否確認'))[0]!.chunk.docId).toBe('bcp/bousai-kihon');
  });

  it('re-reads only the changed document and drops removed ones', async () => {
    const { root, config } = workspace();
    await openKnowledge(config);
    const file = path.join(root, 'bcp', 'bousai-kihon.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('## ハザードマップ', '## 備蓄\n水と非常食を3日分そなえます。\n\n## ハザードマップ'));
    const after = await openKnowledge(config);
    expect(after.report).toMatchObject({ changed: ['bcp/bousai-kihon'], added: [], unchanged: 3 });
    expect((await after.retriever.search('非常食の備蓄'))[0]!.chunk.docId).toBe('bcp/bousai-kihon');
  });

  it('reports a broken document with file and field, and indexes the rest', async () => {
    const { root, config } = workspace();
    writeFileSync(path.join(root, 'bcp', 'broken.md'), '---\ntitle: 壊れた資料\nkind: bcp\nas_of: 2026-09-01\n---\n本文');
    const k = await openKnowledge(config);
    expect(k.report?.problems).toEqual([expect.objectContaining({ file: path.join(root, 'bcp', 'broken.md'), field: 'source_url' })]);
    expect(k.index.chunks.some((c) => c.docId === 'bcp/bousai-kihon')).toBe(true);
    // an unchanged broken file does not force a rebuild on every start
    expect((await openKnowledge(config)).report).toBeUndefined();
  });

  it('rebuilds when the index on disk is damaged', async () => {
    const { config } = workspace();
    await openKnowledge(config);
    writeFileSync(path.join(indexDirOf(config.dataDir), 'manifest.json'), '{ not json');
    const k = await openKnowledge(config);
    expect(k.report?.rebuilt).toBe(true);
    expect(k.index.chunks.length).toBeGreaterThan(0);
  });

  it('uses a registry file given by TSUNAGU_REGISTRY instead of the roots’ own', async () => {
    const { root } = workspace();
    const data = tempDir();
    cleanups.push(data.cleanup);
    const registry = path.join(FIXTURE_KNOWLEDGE, '..', 'registry-sjis.csv');
    const k = await openKnowledge(loadConfig({ TSUNAGU_DATA_DIR: data.dir, TSUNAGU_KNOWLEDGE_DIRS: root, TSUNAGU_REGISTRY: registry }));
    const partners = k.index.chunks.filter((c) => c.kind === 'partner').map((c) => c.id);
    expect(partners).toEqual(['partners/registry-sjis#S01', 'partners/registry-sjis#S04']);
    expect(k.report?.problems.map((p) => p.line)).toEqual([3, 4]);
  });

  it('refuses a document id used by two roots, naming both files', () => {
    const a = workspace();
    const b = workspace();
    const { files, problems } = listSources([a.root, b.root]);
    expect(files.filter((f) => f.id === 'bcp/bousai-kihon')).toHaveLength(1);
    expect(problems[0]!.message).toContain(path.join(a.root, 'bcp', 'bousai-kihon.md'));
    expect(problems[0]!.file).toBe(path.join(b.root, 'bcp', 'bousai-kihon.md'));
  });
});
