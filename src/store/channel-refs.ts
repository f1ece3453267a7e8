// How to reach an owner on their channel outside a turn (a staff reply, an answer that took
// long): the channel's own address for the session, as JSON the channel adapter defines.
import type { Db } from './database.ts';

export class SqliteChannelRefs {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      upsert: db.prepare<[string, string, string]>(
        'INSERT INTO channel_refs (session_key, ref, updated_at) VALUES (?, ?, ?) ON CONFLICT (session_key) DO UPDATE SET ref = excluded.ref, updated_at = excluded.updated_at',
      ),
      get: db.prepare<[string], { ref: string }>('SELECT ref FROM channel_refs WHERE session_key = ?'),
    };
  }

  save(sessionKey: string, ref: unknown, at: Date): void {
    this.q.upsert.run(sessionKey, JSON.stringify(ref), at.toISOString());
  }

  get<T>(sessionKey: string): T | undefined {
    const row = this.q.get.get(sessionKey);
    return row ? (JSON.parse(row.ref) as T) : undefined;
  }
}
