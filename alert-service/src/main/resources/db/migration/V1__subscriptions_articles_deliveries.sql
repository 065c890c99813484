-- alert-service schema, version 1 (issue 2): subscriptions, the stored tagged articles and the delivery outbox.
-- Later versions add owners (users/API keys), frequencies, more channels and signing secrets by new migrations.

CREATE TABLE subscriptions (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL,
    -- filter: any of the pairs (sorted form "MX-US") or any of the countries, and then any of the issues (if given)
    pairs        text[]      NOT NULL DEFAULT '{}',
    countries    text[]      NOT NULL DEFAULT '{}',
    issues       text[]      NOT NULL DEFAULT '{}',
    channel_type text        NOT NULL CHECK (channel_type IN ('webhook')),
    channel_url  text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (cardinality(pairs) > 0 OR cardinality(countries) > 0)
);

-- One row per article received, whatever its subscriptions; payload is the TaggedArticle as JSON.
CREATE TABLE articles (
    article_id   text        PRIMARY KEY,
    story_id     text        NOT NULL,
    title        text        NOT NULL,
    url          text        NOT NULL,
    source_name  text,
    language     text,
    published_at timestamptz,
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_story_idx ON articles (story_id);
CREATE INDEX articles_received_idx ON articles (received_at);

-- The outbox: written in the transaction that stores the article; at most one row per subscription, story and channel.
CREATE TABLE deliveries (
    id               uuid        PRIMARY KEY,
    subscription_id  uuid        NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    story_id         text        NOT NULL,
    article_id       text        NOT NULL REFERENCES articles (article_id),
    channel_type     text        NOT NULL,
    matched_pairs    text[]      NOT NULL DEFAULT '{}',
    matched_countries text[]     NOT NULL DEFAULT '{}',
    matched_issues   text[]      NOT NULL DEFAULT '{}',
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    last_status_code integer,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CONSTRAINT deliveries_once_per_story UNIQUE (subscription_id, story_id, channel_type)
);
-- Workers look only at due PENDING rows.
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_by_subscription_idx ON deliveries (subscription_id, created_at DESC);
