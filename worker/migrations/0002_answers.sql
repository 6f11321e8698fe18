-- Contact points answer for their own records (worker/console/links.go,
-- public.go, moderation.go): confirmation links, what waits for a
-- maintainer's decision, and the counters that bound abuse.

-- links: one confirmation link per row. Only the token's SHA-256 is kept;
-- a link works for its record only, until expires_at, and once (used_at).
CREATE TABLE links (
  token_hash TEXT PRIMARY KEY,
  record TEXT NOT NULL,
  sent_to TEXT NOT NULL DEFAULT '',  -- the record's public e-mail when asked
  asked_at TEXT NOT NULL,
  asked_by TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT NOT NULL DEFAULT '',
  answer TEXT NOT NULL DEFAULT ''    -- confirm, change, closed
);
CREATE INDEX links_record ON links (record);

-- moderation: a change or closure from a link, or a suggestion from the
-- public form, waiting for a maintainer (status waiting, approved, rejected).
CREATE TABLE moderation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,                 -- change, closed, suggestion
  record TEXT NOT NULL DEFAULT '',    -- the record it concerns ('' for a new one)
  body TEXT NOT NULL,                 -- the proposed record (JSON) or the suggestion (JSON)
  message TEXT NOT NULL DEFAULT '',   -- what the sender wrote
  received_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'waiting',
  decided_at TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX moderation_status ON moderation (status);

-- hits: requests per key (a hashed client address or a link) in a window,
-- for the public endpoints' rate limits. Old windows are deleted as new ones start.
CREATE TABLE hits (
  key TEXT NOT NULL,
  window TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window)
);
