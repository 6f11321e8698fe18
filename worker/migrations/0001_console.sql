-- The maintainers' console (worker/console): the draft records, who changed
-- what and why, the published versions, and the console's sessions.
-- Applied by `wrangler d1 migrations apply` (worker/serve.sh locally; see
-- worker/README.md for Cloudflare).

-- records: the contact points being kept, one JSON object each (the
-- dataset.ContactPoint encoding). etag changes with every save.
CREATE TABLE records (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  etag TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- history: every save, publish and rollback, never changed or deleted.
CREATE TABLE history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,          -- save, add, publish, rollback, import
  record TEXT NOT NULL DEFAULT '',
  old TEXT NOT NULL DEFAULT '',  -- the record (or version) before
  new TEXT NOT NULL DEFAULT '',  -- and after
  why TEXT NOT NULL DEFAULT ''
);

-- versions: every published version; its files are in KV under v/<version>/.
CREATE TABLE versions (
  version TEXT PRIMARY KEY,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT ''
);

-- sessions of the development login (production uses Cloudflare Access).
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  who TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- used_codes: a development login code works once.
CREATE TABLE used_codes (
  code_hash TEXT PRIMARY KEY,
  used_at TEXT NOT NULL
);

-- meta: imported (the repository's dataset was imported on first start).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
