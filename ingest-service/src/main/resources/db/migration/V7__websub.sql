-- issue 3: WebSub subscriptions of feeds that advertise a hub; one per source, gone with the source
CREATE TABLE websub_subscriptions (
    source_id    BIGINT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    hub_url      VARCHAR(2048) NOT NULL,
    topic_url    VARCHAR(2048) NOT NULL,
    -- HMAC key the hub signs content with (X-Hub-Signature); never shown or logged
    secret       VARCHAR(128)  NOT NULL,
    -- REQUESTED (asked, intent not yet verified), ACTIVE (verified, lease running), DENIED (hub refused), FAILED
    state        VARCHAR(16)   NOT NULL,
    lease_seconds BIGINT,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_at  TIMESTAMP WITH TIME ZONE,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_push_at TIMESTAMP WITH TIME ZONE,
    last_error   VARCHAR(2000)
);
CREATE INDEX websub_subscriptions_expires_idx ON websub_subscriptions (state, expires_at);
