-- Offline-first sync with a Seller Sync API server.
--
-- outbox: one row per operation the seller made locally, written in the same
-- transaction as the local change. `lane` orders operations on one entity; rows of
-- different lanes never wait for each other. `op_key` is the Idempotency-Key: a row is
-- re-sent with the same key until the server's answer is recorded, so a crash or a
-- lost answer can never apply it twice.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    op_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    lane TEXT NOT NULL,
    payload TEXT NOT NULL,
    -- the remote revision this change was made on (If-Match), for writes to existing entities
    base_revision INTEGER,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'parked', 'done', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    park_code TEXT,
    park_reason TEXT,
    result TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX outbox_pending ON outbox (account_id, state, lane, id);
-- the drain walks queued rows in order and stops after a handful
CREATE INDEX outbox_queue ON outbox (account_id, state, id);

-- One status row per account, for the sync widget.
CREATE TABLE sync_state (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    needs_auth INTEGER NOT NULL DEFAULT 0 CHECK (needs_auth IN (0, 1)),
    -- pull cursors by collection, JSON object
    cursors TEXT NOT NULL DEFAULT '{}'
);

-- The last synced server copy of each remote entity, and the seller's pending
-- version of it (NULL when nothing local is waiting).
CREATE TABLE remote_entities (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('application', 'product')),
    remote_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    local TEXT,
    draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    synced_at TEXT NOT NULL,
    PRIMARY KEY (account_id, kind, remote_id)
);

-- A write the server refused as stale: mine / last synced / theirs, field by field.
CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    mine TEXT NOT NULL,
    base TEXT NOT NULL,
    theirs TEXT NOT NULL,
    theirs_revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT
);

-- Review rejections the local rule pack did not predict, so the pack can be corrected.
CREATE TABLE parity_log (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    application_id TEXT NOT NULL,
    rule_id TEXT,
    field TEXT,
    message TEXT NOT NULL,
    pack_version TEXT,
    logged_at TEXT NOT NULL,
    UNIQUE (application_id, rule_id, field, message)
);

-- Drafts remember where they were submitted.
ALTER TABLE drafts ADD COLUMN submitted_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE drafts ADD COLUMN application_id TEXT;
