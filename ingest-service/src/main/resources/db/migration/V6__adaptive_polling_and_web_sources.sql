-- issue 3: per-source poll bounds; poll_interval_seconds becomes the current (adaptive) interval within them
ALTER TABLE sources ADD COLUMN min_poll_seconds BIGINT;
ALTER TABLE sources ADD COLUMN max_poll_seconds BIGINT;
UPDATE sources SET min_poll_seconds = poll_interval_seconds,
                   max_poll_seconds = GREATEST(poll_interval_seconds, 3600);
ALTER TABLE sources ALTER COLUMN min_poll_seconds SET NOT NULL;
ALTER TABLE sources ALTER COLUMN max_poll_seconds SET NOT NULL;
ALTER TABLE sources ADD CONSTRAINT sources_poll_bounds CHECK (0 < min_poll_seconds AND min_poll_seconds <= max_poll_seconds);
-- how often the source publishes (estimated at its last successful fetch) and the failure backoff now applied
ALTER TABLE sources ADD COLUMN items_per_day DOUBLE PRECISION;
ALTER TABLE sources ADD COLUMN backoff_seconds BIGINT;
-- a source failing repeatedly is FAILING (was ERROR)
UPDATE sources SET status = 'FAILING' WHERE status = 'ERROR';
-- web sources: a listing page and how to find article links on it
ALTER TABLE sources ADD COLUMN link_selector VARCHAR(500);
ALTER TABLE sources ADD COLUMN link_pattern VARCHAR(500);
