-- alert-service schema, version 2 (issue 5): accounts, hashed API keys and an owner on every subscription.

CREATE TABLE users (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('admin', 'user')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The operators' account. Its key is not stored: it is DYAD_ADMIN_API_KEY, compared in memory.
INSERT INTO users (id, name, role) VALUES ('00000000-0000-0000-0000-000000000001', 'admin', 'admin');

-- Keys are stored as SHA-256 of the whole key (keys carry 256 random bits, so a fast hash is enough);
-- the prefix is public: it finds the row and lets owners tell their keys apart.
CREATE TABLE api_keys (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    prefix     text        NOT NULL UNIQUE,
    key_hash   bytea       NOT NULL,
    name       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX api_keys_by_user_idx ON api_keys (user_id, created_at DESC);

-- Subscriptions made before accounts existed belong to the operators' account.
ALTER TABLE subscriptions ADD COLUMN owner_id uuid REFERENCES users (id) ON DELETE CASCADE;
UPDATE subscriptions SET owner_id = '00000000-0000-0000-0000-000000000001';
ALTER TABLE subscriptions ALTER COLUMN owner_id SET NOT NULL;
CREATE INDEX subscriptions_by_owner_idx ON subscriptions (owner_id, created_at DESC);
