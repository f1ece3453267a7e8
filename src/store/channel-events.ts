// Webhook events taken in, so a platform's redelivery or retry is processed once, also across a
// restart, and an event acknowledged just before a crash is still processed after it: the payload
// is kept until the event is marked done. Old entries are purged as new ones arrive.
import type { Db } from './database.ts';

/** Platforms redeliver within hours (Slack within minutes, LINE redelivery up to a day); a week is ample. */
export const EVENT_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const PURGE_EVERY = 500;

export type PendingEvent = { eventId: string; payload: string; receivedAt: string };

export class SqliteChannelEvents {
  private readonly q;
  private claims = 0;

  constructor(
    db: Db,
    private readonly keepMs = EVENT_KEEP_MS,
  ) {
    this.q = {
      insert: db.prepare<[string, string, string, string | null]>(
        'INSERT OR IGNORE INTO processed_events (channel, event_id, received_at, payload) VALUES (?, ?, ?, ?)',
      ),
      done: db.prepare<[string, string, string]>('UPDATE processed_events SET done_at = ?, payload = NULL WHERE channel = ? AND event_id = ?'),
      pending: db.prepare<[string], PendingEvent>(
        'SELECT event_id AS eventId, payload, received_at AS receivedAt FROM processed_events WHERE channel = ? AND done_at IS NULL AND payload IS NOT NULL ORDER BY received_at',
      ),
      purge: db.prepare<[string]>('DELETE FROM processed_events WHERE received_at < ?'),
    };
  }

  /**
   * True the first time this event id is seen on this channel (the event is now pending, with
   * its payload kept until `done`); false for a repeat, which must not be processed again.
   */
  claim(channel: string, eventId: string, at: Date, payload?: string): boolean {
    if (++this.claims % PURGE_EVERY === 1) this.q.purge.run(new Date(at.getTime() - this.keepMs).toISOString());
    return this.q.insert.run(channel, eventId, at.toISOString(), payload ?? null).changes === 1;
  }

  /** The event was processed (answered or given up on): its payload is dropped. */
  done(channel: string, eventId: string, at: Date): void {
    this.q.done.run(at.toISOString(), channel, eventId);
  }

  /** Events claimed but never done (the process stopped in between), oldest first. */
  pending(channel: string): PendingEvent[] {
    return this.q.pending.all(channel);
  }
}
