-- The seller's worklist: supervision cases, buyer invoice requests, Huawei invoicing
-- lists and the seller profile ride `remote_entities` like applications and products,
-- so the kinds it accepts grow. SQLite cannot change a CHECK in place: the table is
-- rebuilt with the same columns and rows (nothing references it).
CREATE TABLE remote_entities_next (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('application', 'product', 'case', 'invoice_request', 'invoicing_list', 'contacts')),
    remote_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    local TEXT,
    draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    synced_at TEXT NOT NULL,
    PRIMARY KEY (account_id, kind, remote_id)
);
INSERT INTO remote_entities_next (account_id, kind, remote_id, revision, body, local, draft_id, synced_at)
    SELECT account_id, kind, remote_id, revision, body, local, draft_id, synced_at FROM remote_entities;
DROP TABLE remote_entities;
ALTER TABLE remote_entities_next RENAME TO remote_entities;

-- A delivery proof being written offline, one per case: the text from the listing's
-- delivery template, the actual start time and the attached files (content-addressed
-- assets). It stays until the delivery has been accepted by the server.
CREATE TABLE proof_drafts (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    actual_start TEXT,
    -- JSON array of {sha256, name, size, kind}
    attachments TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, case_id)
);

-- Desktop notifications already shown, so a deadline is announced once.
CREATE TABLE notices_shown (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    notice_key TEXT NOT NULL,
    shown_at TEXT NOT NULL,
    PRIMARY KEY (account_id, notice_key)
);
