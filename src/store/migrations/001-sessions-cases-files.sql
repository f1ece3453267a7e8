-- Sessions (one per channel user), their transcripts, escalated cases and served files.
CREATE TABLE sessions (
  key        TEXT PRIMARY KEY,            -- `${channel}:${userId}`
  channel    TEXT NOT NULL,
  state      TEXT NOT NULL,               -- JSON: profile, running flow, last results
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE transcripts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  session_key TEXT NOT NULL REFERENCES sessions(key) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('owner', 'assistant', 'staff', 'system')),
  text        TEXT NOT NULL,
  intent      TEXT,
  postback    TEXT,
  at          TEXT NOT NULL
);
CREATE INDEX transcripts_by_session ON transcripts(session_key, id);

CREATE TABLE cases (
  id          TEXT PRIMARY KEY,
  session_key TEXT NOT NULL REFERENCES sessions(key) ON DELETE CASCADE,
  status      TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'closed')),
  reason      TEXT NOT NULL,
  topic       TEXT NOT NULL,
  packet      TEXT NOT NULL,              -- JSON: profile, diagnosis, programs with citations, transcript
  assignee    TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX cases_by_session ON cases(session_key, status);
CREATE INDEX cases_by_status ON cases(status, created_at);

CREATE TABLE files (
  token      TEXT PRIMARY KEY,            -- unguessable: 32 random bytes, base64url
  owner_key  TEXT NOT NULL,
  name       TEXT NOT NULL,
  mime       TEXT NOT NULL,
  bytes      BLOB NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX files_by_expiry ON files(expires_at);
