-- alert-service schema, version 3 (issue 5): Standard Webhooks signing secrets per webhook subscription.
-- The secret must be readable to sign (HMAC), so it is kept as is, like the channel URL, and never shown again by the
-- API after the answer that made it. During a rotation the previous secret still signs until previous_secret_until.
ALTER TABLE subscriptions ADD COLUMN signing_secret text;
ALTER TABLE subscriptions ADD COLUMN previous_signing_secret text;
ALTER TABLE subscriptions ADD COLUMN previous_secret_until timestamptz;

-- webhook subscriptions made before signing: 32 random bytes (two v4 UUIDs' worth of hex) as whsec_<base64>
UPDATE subscriptions
SET signing_secret = 'whsec_' || encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
                                               'hex'), 'base64')
WHERE channel_type = 'webhook';

ALTER TABLE subscriptions ADD CONSTRAINT webhook_has_secret
    CHECK (channel_type <> 'webhook' OR signing_secret IS NOT NULL);
