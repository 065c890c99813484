-- alert-service schema, version 15 (issue 5, matching): which subscriptions changed, so every replica updates its
-- in-memory index with just those (a delta over its base index) instead of rebuilding a million on every change.
-- seq comes from the change counter of V10. A row per changed subscription; subscription_id NULL means "all of them"
-- (a TRUNCATE): the replicas rebuild in full. Rows older than the replicas' look-back are pruned by the replicas.
CREATE TABLE subscription_change_log (
    seq bigint PRIMARY KEY DEFAULT nextval('subscription_changes'),
    subscription_id uuid,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION log_subscription_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO subscription_change_log (subscription_id) VALUES (NULL);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO subscription_change_log (subscription_id) VALUES (OLD.id);
    ELSE
        INSERT INTO subscription_change_log (subscription_id) VALUES (NEW.id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- only what the index reads: bookkeeping updates (digest times, secrets, failure counters) are not index changes
CREATE TRIGGER subscriptions_logged_insert_delete
    AFTER INSERT OR DELETE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION log_subscription_change();
CREATE TRIGGER subscriptions_logged_update
    AFTER UPDATE ON subscriptions
    FOR EACH ROW
    WHEN ((OLD.name, OLD.pairs, OLD.countries, OLD.issues, OLD.country_mode, OLD.query, OLD.languages, OLD.sources,
           OLD.min_score, OLD.disabled_at, OLD.channel_type, OLD.email_confirmed_at)
          IS DISTINCT FROM
          (NEW.name, NEW.pairs, NEW.countries, NEW.issues, NEW.country_mode, NEW.query, NEW.languages, NEW.sources,
           NEW.min_score, NEW.disabled_at, NEW.channel_type, NEW.email_confirmed_at))
    EXECUTE FUNCTION log_subscription_change();
CREATE TRIGGER subscriptions_logged_truncate
    AFTER TRUNCATE ON subscriptions
    FOR EACH STATEMENT EXECUTE FUNCTION log_subscription_change();
