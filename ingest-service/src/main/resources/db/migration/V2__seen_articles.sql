-- Every article published once, keyed by articleId (hash of the canonical URL): the deduplication record.
-- A row exists only when the broker acknowledged the article (written in the same transaction that awaited the ack).
CREATE TABLE seen_articles (
    article_id    VARCHAR(32)   PRIMARY KEY,
    canonical_url VARCHAR(4096) NOT NULL,
    story_id      VARCHAR(32)   NOT NULL,
    content_hash  VARCHAR(64)   NOT NULL,
    source_id     BIGINT REFERENCES sources (id) ON DELETE SET NULL,
    source_type   VARCHAR(16)   NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- article_id is a function of canonical_url, so the primary key is the uniqueness of the canonical URL
-- (a unique index on the 4096-character column itself could exceed PostgreSQL's index row size).

-- storyId lookup: the first article seen with the same content
CREATE INDEX seen_articles_content_hash_idx ON seen_articles (content_hash, first_seen_at);
CREATE INDEX seen_articles_source_idx ON seen_articles (source_id);
