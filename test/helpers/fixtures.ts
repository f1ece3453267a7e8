// Shared test fixtures: the small fictional knowledge root and temporary data directories.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const FIXTURE_KNOWLEDGE = path.join(FIXTURES, 'knowledge');

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'tsunagu-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
