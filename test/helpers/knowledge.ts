// Opens the fixture knowledge root into a temporary data directory, as the app would.
import { loadConfig } from '../../src/config.ts';
import { openKnowledge } from '../../src/knowledge/open.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from './fixtures.ts';

export async function openFixtureKnowledge(roots = [FIXTURE_KNOWLEDGE]) {
  const tmp = tempDir();
  const config = loadConfig({ TSUNAGU_DATA_DIR: tmp.dir, TSUNAGU_KNOWLEDGE_DIRS: roots.join(':') });
  const knowledge = await openKnowledge(config);
  return { ...knowledge, config, cleanup: tmp.cleanup };
}
