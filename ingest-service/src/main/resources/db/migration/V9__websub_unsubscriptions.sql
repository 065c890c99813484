-- issue 3: a deleted source's WebSub subscription is ended at its hub; the hub then verifies our intent to
-- unsubscribe at the callback, after the source and its subscription row are gone, so the request is kept here
-- (no foreign key: the source no longer exists) until the hub verifies it or a day has passed
CREATE TABLE websub_unsubscriptions (
    source_id    BIGINT PRIMARY KEY,
    hub_url      VARCHAR(2048) NOT NULL,
    topic_url    VARCHAR(2048) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL
);
