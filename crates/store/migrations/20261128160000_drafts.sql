-- Listing drafts, their history and the files they refer to.
--
-- The draft body is the domain's JSON (the same field names as listing.toml), so a
-- new draft field needs no migration; the columns beside it are what lists filter and
-- sort on, kept in step by the same write that stores the body.
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    product_type TEXT NOT NULL,
    -- application state: draft -> pending -> approved / rejected
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'approved', 'rejected')),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    body TEXT NOT NULL,
    -- the last check's report (JSON) and its counts
    report TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    infos INTEGER NOT NULL DEFAULT 0,
    checked_with_pack TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX drafts_updated ON drafts (updated_at DESC);

-- One entry per save; a burst of autosaves updates its latest 'edit' entry.
CREATE TABLE draft_versions (
    draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('create', 'edit', 'restore', 'duplicate', 'import')),
    name TEXT NOT NULL,
    errors INTEGER NOT NULL,
    body TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (draft_id, revision)
);

-- Files kept under the data folder's assets/ by SHA-256; a row means the file was
-- written completely (the row is added after the rename that publishes the file).
CREATE TABLE assets (
    hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
