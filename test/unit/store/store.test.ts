import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate, openDatabase } from '../../../src/store/database.ts';
import { openStore, type Store } from '../../../src/store/index.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const at = (iso: string) => new Date(iso);
const packet = (topic: string) => ({ reason: 'owner_asked' as const, topic, profile: { prefecture: '愛知県' }, programs: [], partners: [], transcript: [] });

describe('SQLite store', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const fresh = (): { store: Store; dir: string } => {
    const tmp = tempDir();
    const store = openStore(tmp.dir);
    cleanups.push(() => {
      store.close();
      tmp.cleanup();
    });
    return { store, dir: tmp.dir };
  };

  it('runs in WAL mode and applies each migration once', () => {
    const { store } = fresh();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(store.db)).toEqual([]); // already applied on open
    const versions = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it('saves session state with its transcript and reads them back in order', () => {
    const { store } = fresh();
    store.sessions.save('web:a', { step: 1 }, [
      { role: 'owner', text: 'こんにちは', at: '2026-11-21T01:00:00.000Z' },
      { role: 'assistant', text: 'はい', at: '2026-11-21T01:00:00.000Z', intent: 'smalltalk' },
    ]);
    store.sessions.save('web:a', { step: 2 }, [{ role: 'owner', text: '', postback: 'diag:x:y', at: '2026-11-21T01:01:00.000Z' }]);
    expect(store.sessions.load('web:a')).toEqual({ step: 2 });
    expect(store.sessions.transcript('web:a').map((e) => e.text || e.postback)).toEqual(['こんにちは', 'はい', 'diag:x:y']);
    expect(store.sessions.transcript('web:a', 1)).toHaveLength(1);
  });

  it('keeps owners apart: one session never reads another one’s state or transcript', () => {
    const { store } = fresh();
    store.sessions.save('line:U1', { secret: 'A社' }, [{ role: 'owner', text: 'A社の話', at: '2026-11-21T01:00:00.000Z' }]);
    expect(store.sessions.load('line:U2')).toBeUndefined();
    expect(store.sessions.transcript('line:U2')).toEqual([]);
    expect(store.sessions.load('web:U1')).toBeUndefined(); // same user id on another channel is another owner
  });

  it('keeps one open case per session and refreshes its packet', () => {
    const { store } = fresh();
    store.sessions.save('web:a', {}, []);
    const first = store.cases.openOrUpdate('web:a', packet('補助金'), at('2026-11-21T01:00:00Z'));
    const again = store.cases.openOrUpdate('web:a', packet('連携先'), at('2026-11-21T02:00:00Z'));
    expect(again.id).toBe(first.id);
    expect(again.packet.topic).toBe('連携先');
    expect(first.id).toMatch(/^C-20261121-[0-9A-F]{6}$/);
    expect(store.cases.openCaseOf('web:b')).toBeUndefined();
  });

  it('serves files only by their unguessable token and only until they expire', () => {
    const { store } = fresh();
    const { token, url } = store.files.put({ ownerKey: 'web:a', name: 'chart.png', mime: 'image/png', bytes: new Uint8Array([1, 2, 3]) }, at('2026-11-21T00:00:00Z'));
    expect(url).toBe(`/files/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...store.files.get(token, at('2026-11-22T00:00:00Z'))!.bytes]).toEqual([1, 2, 3]);
    expect(store.files.get(token, at('2026-11-29T00:00:01Z'))).toBeUndefined(); // 7 days later
    expect(store.files.get(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), at('2026-11-22T00:00:00Z'))).toBeUndefined();
    expect(store.files.get('../../etc/passwd', at('2026-11-22T00:00:00Z'))).toBeUndefined();
  });

  it('keeps a committed turn when the process is killed with SIGKILL right after it', () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const script = `
      import { openStore } from ${JSON.stringify(path.resolve('src/store/index.ts'))};
      const store = openStore(${JSON.stringify(tmp.dir)});
      store.sessions.save('web:k', { question: 'bcp-3' }, [{ role: 'owner', text: 'はい', at: new Date().toISOString() }]);
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const db = openDatabase(tmp.dir);
    cleanups.push(() => db.close());
    const row = db.prepare("SELECT state FROM sessions WHERE key = 'web:k'").get() as { state: string };
    expect(JSON.parse(row.state)).toEqual({ question: 'bcp-3' });
  });
});
