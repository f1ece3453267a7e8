// Escalated cases in SQLite: one open case per session at a time; a new escalation from the
// same owner refreshes that case's packet instead of opening a second one.
import { randomBytes } from 'node:crypto';
import type { CasePacket, CaseRecord, CaseStore } from '../assistant/ports.ts';
import type { Db } from './database.ts';

type CaseRow = { id: string; session_key: string; status: CaseRecord['status']; created_at: string; packet: string };

const toRecord = (r: CaseRow): CaseRecord => ({
  id: r.id,
  sessionKey: r.session_key,
  status: r.status,
  createdAt: r.created_at,
  packet: JSON.parse(r.packet) as CasePacket,
});

/** A short id staff can read out on the phone: C-20261121-7F3A. */
export function newCaseId(at: Date): string {
  const ymd = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `C-${ymd}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export class SqliteCaseStore implements CaseStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      openOf: db.prepare<[string], CaseRow>(
        "SELECT id, session_key, status, created_at, packet FROM cases WHERE session_key = ? AND status != 'closed' ORDER BY created_at DESC LIMIT 1",
      ),
      insert: db.prepare<[string, string, string, string, string, string, string]>(
        "INSERT INTO cases (id, session_key, status, reason, topic, packet, created_at, updated_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?)",
      ),
      update: db.prepare<[string, string, string, string, string]>('UPDATE cases SET reason = ?, topic = ?, packet = ?, updated_at = ? WHERE id = ?'),
      byId: db.prepare<[string], CaseRow>('SELECT id, session_key, status, created_at, packet FROM cases WHERE id = ?'),
    };
  }

  openCaseOf(sessionKey: string): CaseRecord | undefined {
    const row = this.q.openOf.get(sessionKey);
    return row ? toRecord(row) : undefined;
  }

  openOrUpdate(sessionKey: string, packet: CasePacket, at: Date): CaseRecord {
    const now = at.toISOString();
    const json = JSON.stringify(packet);
    return this.db.transaction(() => {
      const existing = this.q.openOf.get(sessionKey);
      if (existing) {
        this.q.update.run(packet.reason, packet.topic, json, now, existing.id);
        return toRecord({ ...existing, packet: json });
      }
      const id = newCaseId(at);
      this.q.insert.run(id, sessionKey, packet.reason, packet.topic, json, now, now);
      return toRecord(this.q.byId.get(id)!);
    })();
  }
}
