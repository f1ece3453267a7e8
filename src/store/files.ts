// Files served by unguessable, expiring links (/files/<token>): diagnosis charts now,
// application drafts later. The token is the only key; expired files are purged lazily.
import { randomBytes } from 'node:crypto';
import type { FileStore } from '../assistant/ports.ts';
import type { Db } from './database.ts';

export const FILE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type StoredFile = { name: string; mime: string; bytes: Buffer };

export class SqliteFileStore implements FileStore {
  private readonly q;

  constructor(
    db: Db,
    private readonly ttlMs = FILE_TTL_MS,
  ) {
    this.q = {
      insert: db.prepare<[string, string, string, string, Uint8Array, string, string]>(
        'INSERT INTO files (token, owner_key, name, mime, bytes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string, string], StoredFile>('SELECT name, mime, bytes FROM files WHERE token = ? AND expires_at > ?'),
      purge: db.prepare<[string]>('DELETE FROM files WHERE expires_at <= ?'),
    };
  }

  put(file: { ownerKey: string; name: string; mime: string; bytes: Uint8Array }, at: Date): { url: string; token: string } {
    this.q.purge.run(at.toISOString());
    const token = randomBytes(32).toString('base64url');
    this.q.insert.run(token, file.ownerKey, file.name, file.mime, file.bytes, at.toISOString(), new Date(at.getTime() + this.ttlMs).toISOString());
    return { token, url: `/files/${token}` };
  }

  /** The file behind a token, or undefined when the token is malformed, unknown or expired. */
  get(token: string, at: Date): StoredFile | undefined {
    if (!TOKEN.test(token)) return undefined;
    return this.q.get.get(token, at.toISOString());
  }
}
