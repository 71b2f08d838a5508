-- Whether the OS keychain holds an account's secrets. Only the fact is kept here;
-- the secret key and the production-interface key never touch this database.
ALTER TABLE accounts ADD COLUMN secret_key_stored INTEGER NOT NULL DEFAULT 0 CHECK (secret_key_stored IN (0, 1));
ALTER TABLE accounts ADD COLUMN production_key_stored INTEGER NOT NULL DEFAULT 0 CHECK (production_key_stored IN (0, 1));
