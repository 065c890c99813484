-- alert-service schema, version 11 (issue 5, matching): an Atom feed per subscription at an unguessable URL,
-- /feeds/<feed_token>.atom. The token (256 random bits as hex; the service makes its own with SecureRandom, the default
-- covers existing rows and rows written by other code) is the feed's only credential; the owner can rotate it.
ALTER TABLE subscriptions ADD COLUMN feed_token text NOT NULL
    DEFAULT replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX subscriptions_feed_token_idx ON subscriptions (feed_token);
