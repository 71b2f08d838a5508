-- The SaaS integration page's endpoint settings, per product: each SaaS product has its
-- own production URL, interface version, charging mode and joint-operation (Kit) flag.
-- The production-interface key is per account and stays in the keychain; nothing
-- secret is kept here (the public key is the seller's public half, meant to be shared).
CREATE TABLE produce_endpoints (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- The KooGallery product id (OFFI…) once the product is listed — what orders and the
    -- console show — or `draft-<id>` for a local draft not yet listed.
    product_id TEXT NOT NULL,
    product_name TEXT NOT NULL,
    url TEXT NOT NULL,
    version TEXT NOT NULL CHECK (version IN ('v2', 'v1')),
    mode TEXT NOT NULL CHECK (mode IN ('period', 'per-use', 'one-off')),
    kit INTEGER NOT NULL DEFAULT 0 CHECK (kit IN (0, 1)),
    public_key_pem TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, product_id)
);
