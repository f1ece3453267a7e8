// Sessions and transcripts in SQLite. A turn's state and its transcript lines are written in
// one transaction, so a crash never leaves a reply recorded without the state that produced it.
import type { SessionStore, TranscriptEntry, TranscriptRole } from '../assistant/ports.ts';
import type { Db } from './database.ts';

type TranscriptRow = { role: TranscriptRole; text: string; at: string; intent: string | null; postback: string | null };

export class SqliteSessionStore implements SessionStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      load: db.prepare<[string], { state: string }>('SELECT state FROM sessions WHERE key = ?'),
      upsert: db.prepare<[string, string, string, string, string]>(
        `INSERT INTO sessions (key, channel, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
      append: db.prepare<[string, string, string, string | null, string | null, string]>(
        'INSERT INTO transcripts (session_key, role, text, intent, postback, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      recent: db.prepare<[string, number], TranscriptRow>(
        'SELECT role, text, at, intent, postback FROM (SELECT * FROM transcripts WHERE session_key = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
      ),
    };
  }

  load<S>(key: string): S | undefined {
    const row = this.q.load.get(key);
    return row ? (JSON.parse(row.state) as S) : undefined;
  }

  save<S>(key: string, state: S, entries: TranscriptEntry[]): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.q.upsert.run(key, channelOf(key), JSON.stringify(state), now, now);
      for (const e of entries) this.q.append.run(key, e.role, e.text, e.intent ?? null, e.postback ?? null, e.at);
    })();
  }

  transcript(key: string, limit = 1000): TranscriptEntry[] {
    return this.q.recent.all(key, limit).map((r) => ({
      role: r.role,
      text: r.text,
      at: r.at,
      ...(r.intent ? { intent: r.intent } : {}),
      ...(r.postback ? { postback: r.postback } : {}),
    }));
  }
}

const channelOf = (key: string) => key.slice(0, Math.max(0, key.indexOf(':'))) || 'unknown';
