// The SQLite store: one database, its repositories.
import { SqliteCaseStore } from './cases.ts';
import { SqliteChannelEvents } from './channel-events.ts';
import { SqliteChannelRefs } from './channel-refs.ts';
import { openDatabase, type Db } from './database.ts';
import { SqliteFileStore } from './files.ts';
import { SqliteSessionStore } from './sessions.ts';

export type Store = {
  db: Db;
  sessions: SqliteSessionStore;
  cases: SqliteCaseStore;
  files: SqliteFileStore;
  channelEvents: SqliteChannelEvents;
  channelRefs: SqliteChannelRefs;
  close: () => void;
};

export function openStore(dataDir: string | ':memory:'): Store {
  const db = openDatabase(dataDir);
  return {
    db,
    sessions: new SqliteSessionStore(db),
    cases: new SqliteCaseStore(db),
    files: new SqliteFileStore(db),
    channelEvents: new SqliteChannelEvents(db),
    channelRefs: new SqliteChannelRefs(db),
    close: () => db.close(),
  };
}
