-- Bills and settlements. A bill is one settlement period's statement from the
-- marketplace (synced) or from a console export (imported); its lines are one row per
-- order line. Amounts are integer minor units (fen / cents); rates are parts per
-- million so 2.5 % is exact. `fingerprint` identifies a line by its content, so the
-- same line arriving by sync and again in an imported file is stored once.
CREATE TABLE bills (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    bill_id TEXT NOT NULL,
    period TEXT NOT NULL,            -- YYYY-MM, the settlement period billed
    site TEXT NOT NULL,              -- cn | intl
    currency TEXT NOT NULL,
    run_date TEXT,                   -- YYYY-MM-DD (UTC+8) the bill was run
    stage TEXT NOT NULL,             -- bill_run | review | payment | paid
    gross_minor INTEGER NOT NULL,
    fee_minor INTEGER NOT NULL,
    tax_minor INTEGER NOT NULL,
    net_minor INTEGER NOT NULL,
    line_count INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('sync', 'import')),
    revision INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, bill_id)
);

CREATE TABLE bill_lines (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    bill_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    period TEXT NOT NULL,
    order_id TEXT NOT NULL,
    order_line TEXT,
    order_kind TEXT,                 -- new | renewal | pay_per_use
    product_id TEXT,
    product_name TEXT NOT NULL,
    product_type TEXT NOT NULL,
    currency TEXT NOT NULL,
    gross_minor INTEGER NOT NULL,
    customer_wht_minor INTEGER NOT NULL DEFAULT 0,
    fee_rate_ppm INTEGER,
    fee_minor INTEGER NOT NULL,
    seller_wht_minor INTEGER NOT NULL DEFAULT 0,
    dst_minor INTEGER NOT NULL DEFAULT 0,
    net_minor INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('sync', 'import')),
    import_id INTEGER REFERENCES bill_imports (id) ON DELETE SET NULL,
    UNIQUE (account_id, fingerprint)
);
-- Covering: the monthly trend is answered from the index alone.
CREATE INDEX bill_lines_by_period ON bill_lines (account_id, period, currency, gross_minor, fee_minor, seller_wht_minor,
    dst_minor, net_minor);
CREATE INDEX bill_lines_by_bill ON bill_lines (account_id, bill_id, id);
CREATE INDEX bill_lines_by_order ON bill_lines (account_id, order_id);

-- Every imported console export, archived under <data dir>/imports without expiry.
CREATE TABLE bill_imports (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    encoding TEXT,
    mapping TEXT NOT NULL,           -- JSON: the header → field mapping used
    rows INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    archived_as TEXT NOT NULL,       -- path under the data dir
    imported_at TEXT NOT NULL,
    UNIQUE (account_id, file_sha256)
);

-- The marketplace's settlement view of each order (交易明细): the facts the bill-run
-- conditions are checked against, and the bill that finally carried it.
CREATE TABLE settlement_orders (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    order_id TEXT NOT NULL,
    facts TEXT NOT NULL,             -- JSON, as the Seller Sync API sends it
    billed_in TEXT,                  -- bill id, once billed
    revision INTEGER NOT NULL,
    synced_at TEXT NOT NULL,
    PRIMARY KEY (account_id, order_id)
);
