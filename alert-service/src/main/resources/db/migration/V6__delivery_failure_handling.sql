-- alert-service schema, version 6 (issue 5): failure handling. A channel whose every attempt fails for
-- dyad.alert.delivery.disable-after (5 days) is disabled; owners are told about failed deliveries and disabled
-- channels through another of their channels, and every notice is recorded (GET /notices).

-- the first failed attempt since the channel last accepted an alert; null while it works
ALTER TABLE subscriptions ADD COLUMN failing_since timestamptz;

CREATE TABLE owner_notices (
    id              uuid        PRIMARY KEY,
    owner_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subscription_id uuid        REFERENCES subscriptions (id) ON DELETE CASCADE,
    delivery_id     uuid,
    kind            text        NOT NULL CHECK (kind IN ('delivery_failed', 'channel_disabled')),
    message         text        NOT NULL,
    -- PENDING: to be sent; SENT: told through notified_via; NO_CHANNEL: the owner has no other working channel;
    -- FAILED: every attempt to tell failed (last_error)
    status          text        NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'SENT', 'NO_CHANNEL', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    notified_via    text,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX owner_notices_due_idx ON owner_notices (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX owner_notices_by_owner_idx ON owner_notices (owner_id, created_at DESC);
CREATE INDEX owner_notices_by_subscription_idx ON owner_notices (subscription_id, kind, created_at DESC);
