-- alert-service schema, version 5 (issue 5): the e-mail channel with double opt-in, one-click unsubscribe and
-- suppression of addresses whose mail server refused mail (SMTP 5xx).
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_channel_type_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_channel_type_check
    CHECK (channel_type IN ('webhook', 'slack', 'email'));

-- e-mail channels have an address instead of a URL
ALTER TABLE subscriptions ALTER COLUMN channel_url DROP NOT NULL;
ALTER TABLE subscriptions ADD COLUMN email_address text;
ALTER TABLE subscriptions ADD CONSTRAINT channel_has_target
    CHECK ((channel_type = 'email' AND email_address IS NOT NULL)
        OR (channel_type <> 'email' AND channel_url IS NOT NULL));

-- Double opt-in: nothing is matched or sent until the address owner follows the confirmation link. Only the SHA-256 of
-- the single-use confirmation token is kept; it expires at email_token_expires_at and is cleared once used.
ALTER TABLE subscriptions ADD COLUMN email_confirmed_at timestamptz;
ALTER TABLE subscriptions ADD COLUMN email_token_hash bytea;
ALTER TABLE subscriptions ADD COLUMN email_token_expires_at timestamptz;
CREATE UNIQUE INDEX subscriptions_email_token_idx ON subscriptions (email_token_hash)
    WHERE email_token_hash IS NOT NULL;

-- The List-Unsubscribe link of every mail of this subscription carries this token (RFC 8058 one-click); it must be
-- readable to build the link, like the webhook signing secret, and it only unsubscribes.
ALTER TABLE subscriptions ADD COLUMN unsubscribe_token text;
CREATE UNIQUE INDEX subscriptions_unsubscribe_token_idx ON subscriptions (unsubscribe_token)
    WHERE unsubscribe_token IS NOT NULL;
CREATE INDEX subscriptions_email_address_idx ON subscriptions (email_address) WHERE email_address IS NOT NULL;

-- Addresses whose mail server answered a permanent (5xx) refusal: no more mail to them, from any subscription,
-- until an owner enables the subscription again (which needs a new confirmation).
CREATE TABLE email_suppressions (
    address       text        PRIMARY KEY,
    reason        text        NOT NULL,
    smtp_code     integer,
    suppressed_at timestamptz NOT NULL DEFAULT now()
);
