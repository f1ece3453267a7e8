// Turn latency of the whole assistant (understanding, skills, store) at the real knowledge
// base (baseline) and at about 10 000 chunks: the real documents plus a registry grown to
// fill the rest. Each configuration runs in its own process, so RSS is its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../src/config.ts';
import { ms, percentile, printTable } from './table.ts';

type ChildResult = { chunks: number; companies: number; rssMb: number; diagnosis: number[]; subsidy: number[]; partners: number[] };

/** Builds the index in its own process first, so the measured process starts as a restarted server does. */
function runChild(env: Record<string, string>): ChildResult {
  const ingest = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'tsunagu.js'), 'ingest'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`ingest for the turn bench failed: ${ingest.stderr}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(PROJECT_ROOT, 'bin', 'run-script.js'), path.join(PROJECT_ROOT, 'bench', 'turns-child.ts')], {
    env: { ...process.env, TSUNAGU_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`turn bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** The sample registry repeated with new ids until the index holds about `targetChunks` chunks. */
function grownRegistry(dir: string, rows: number): string {
  const source = readFileSync(path.join(PROJECT_ROOT, 'knowledge', 'partners', 'sample-registry.csv'), 'utf8').split('\n');
  const header = source.find((l) => l.startsWith('id,'))!;
  const data = source.filter((l) => /^P\d+,/.test(l));
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const row = data[i % data.length]!;
    const copy = Math.floor(i / data.length);
    lines.push(row.replace(/^P(\d+),([^,]+)/, (_, n: string, name: string) => `B${String(i + 1).padStart(6, '0')},${copy ? `${name}第${copy + 1}工場` : name}`));
  }
  const file = path.join(dir, 'registry-grown.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export function turnLatency(config: Config, targetChunks = 10_000) {
  const base = path.join(os.tmpdir(), `tsunagu-bench-turns-${process.pid}`);
  mkdirSync(base, { recursive: true });
  const roots = config.knowledgeDirs.join(':');
  const baseline = runChild({ TSUNAGU_DATA_DIR: path.join(base, 'baseline'), TSUNAGU_KNOWLEDGE_DIRS: roots });
  const docChunks = baseline.chunks - baseline.companies;
  const registry = grownRegistry(base, Math.max(0, targetChunks - docChunks));
  const large = runChild({ TSUNAGU_DATA_DIR: path.join(base, 'large'), TSUNAGU_KNOWLEDGE_DIRS: roots, TSUNAGU_REGISTRY: registry });
  const rows: (string | number)[][] = [];
  for (const kind of ['diagnosis', 'subsidy', 'partners'] as const) {
    const a = baseline[kind];
    const b = large[kind];
    rows.push([kind === 'diagnosis' ? 'diagnosis step' : kind === 'subsidy' ? 'subsidy question' : 'partner search', a.length, ms(percentile(a, 50)), ms(percentile(a, 95)), b.length, ms(percentile(b, 50)), ms(percentile(b, 95))]);
  }
  printTable(
    `Turn latency (ms, whole assistant turn) — baseline: real knowledge (${baseline.chunks} chunks) vs ${large.chunks} chunks (${large.companies} companies)`,
    ['turn', 'n', 'baseline p50', 'baseline p95', 'n', `${large.chunks} p50`, `${large.chunks} p95`],
    rows,
  );
  printTable('RSS after warm-up (one process per configuration, started on a built index)', ['configuration', 'chunks', 'RSS'], [
    ['baseline', baseline.chunks, `${baseline.rssMb} MB`],
    ['large', large.chunks, `${large.rssMb} MB`],
  ]);
}
