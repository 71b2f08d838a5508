-- Accounts (one per marketplace site and key pair; secrets never here),
-- orders as the Open API order query returns them, and app settings.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    site          TEXT NOT NULL CHECK (site IN ('cn', 'intl', 'eu', 'sandbox', 'custom')),
    base_url      TEXT NOT NULL,
    access_key_id TEXT,
    is_sandbox    INTEGER NOT NULL DEFAULT 0 CHECK (is_sandbox IN (0, 1)),
    created_at    TEXT NOT NULL
);

CREATE TABLE orders (
    account_id        INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    order_id          TEXT NOT NULL,
    order_type        TEXT NOT NULL,
    create_time       TEXT NOT NULL, -- RFC 3339, UTC
    month_cn          TEXT NOT NULL, -- YYYY-MM of create_time in UTC+8, KooGallery's calendar
    buyer_customer_id TEXT,
    buyer_name        TEXT,
    buyer_real_name   TEXT,
    buyer_type        INTEGER,
    fetched_at        TEXT NOT NULL,
    PRIMARY KEY (account_id, order_id)
);
CREATE INDEX orders_by_time ON orders (account_id, create_time DESC, order_id);
CREATE INDEX orders_by_month ON orders (account_id, month_cn);

CREATE TABLE order_lines (
    account_id                  INTEGER NOT NULL,
    order_id                    TEXT NOT NULL,
    order_line_id               TEXT NOT NULL,
    charging_mode               TEXT NOT NULL,
    period_type                 TEXT,
    period_number               INTEGER,
    expire_time                 TEXT,
    product_id                  TEXT NOT NULL,
    product_name                TEXT NOT NULL,
    sku_code                    TEXT NOT NULL,
    linear_value                INTEGER,
    currency                    TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    amount_minor                INTEGER NOT NULL,
    amount_after_discount_minor INTEGER NOT NULL,
    PRIMARY KEY (account_id, order_line_id),
    FOREIGN KEY (account_id, order_id) REFERENCES orders (account_id, order_id) ON DELETE CASCADE
);
CREATE INDEX order_lines_by_order ON order_lines (account_id, order_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
