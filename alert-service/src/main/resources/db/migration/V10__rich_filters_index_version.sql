-- alert-service schema, version 10 (issue 5, matching): rich filters, and a change counter the replicas poll so the
-- in-memory index is rebuilt when a subscription changed (on any replica) rather than on every tick.
ALTER TABLE subscriptions ADD COLUMN country_mode text NOT NULL DEFAULT 'any'
    CHECK (country_mode IN ('any', 'all'));
-- Lucene query syntax over title/text, as the client wrote it (validated at subscribe time); null = no keyword filter
ALTER TABLE subscriptions ADD COLUMN query text;
-- ISO 639-1 codes, lower case; empty = any language
ALTER TABLE subscriptions ADD COLUMN languages text[] NOT NULL DEFAULT '{}';
-- source ids or names, lower case; empty = any source
ALTER TABLE subscriptions ADD COLUMN sources text[] NOT NULL DEFAULT '{}';
-- tags scored below this do not count for the subscription; null = every tag counts
ALTER TABLE subscriptions ADD COLUMN min_score double precision
    CHECK (min_score IS NULL OR (min_score >= 0 AND min_score <= 1));

-- a filter may now be issues only or a keyword query only
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_filter_check
    CHECK (cardinality(pairs) > 0 OR cardinality(countries) > 0 OR cardinality(issues) > 0 OR query IS NOT NULL);

-- A change counter: every insert, update, delete or truncate of subscriptions draws a number. A sequence, not a
-- counter row, so that concurrent subscription writes never wait on each other (nextval does not lock or roll back).
CREATE SEQUENCE subscription_changes;

CREATE FUNCTION note_subscription_change() RETURNS trigger AS $$
BEGIN
    PERFORM nextval('subscription_changes');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER subscriptions_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON subscriptions
    FOR EACH STATEMENT EXECUTE FUNCTION note_subscription_change();
