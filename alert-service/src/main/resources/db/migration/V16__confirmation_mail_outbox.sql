-- alert-service schema, version 16 (issue 5): confirmation mails (double opt-in) go through an outbox like alerts.
-- POST /subscriptions (and .../confirmation, .../enable) only queue a row here, in the transaction that makes the
-- subscription, and answer at once; every replica's sweep claims due rows (SKIP LOCKED, with a lease) and sends them,
-- on the delivery retry schedule when the SMTP server is down or answers 4xx. No token is stored here: the sweep makes
-- a fresh single-use token (only its SHA-256 goes on the subscription) right before each attempt, so the link in the
-- mail that finally goes out is valid for the whole confirmation-ttl from then.
CREATE TABLE confirmation_mails (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    -- PENDING: to be sent; SENT: the SMTP server accepted it; FAILED: given up (last_error); CANCELLED: no longer
    -- needed (confirmed meanwhile, disabled, or replaced)
    status          text        NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
-- at most one queued confirmation per subscription: asking again makes the queued one due now
CREATE UNIQUE INDEX confirmation_mails_one_pending_idx ON confirmation_mails (subscription_id)
    WHERE status = 'PENDING';
CREATE INDEX confirmation_mails_due_idx ON confirmation_mails (next_attempt_at) WHERE status = 'PENDING';
