-- Conformance runs against a seller's own production interface ("KooGallery calls
-- you"): one row per run, its checks (with the exact requests and answers) as JSON.
-- History is per production URL, so a seller sees what changed since the last run.
-- No access key is ever stored here: requests carry only signatures.
CREATE TABLE produce_runs (
    id INTEGER PRIMARY KEY,
    -- The account whose keychain key was used; null for a key given on the command line.
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    version TEXT NOT NULL CHECK (version IN ('v2', 'v1')),
    mode TEXT NOT NULL CHECK (mode IN ('period', 'per-use', 'one-off')),
    kit INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    passed INTEGER NOT NULL,
    warned INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    -- JSON array of checks: {id, title, verdict, words, docUrl, exchanges, elapsedMs}
    checks TEXT NOT NULL
);
CREATE INDEX produce_runs_by_url ON produce_runs (url, started_at);
