-- alert-service schema, version 12 (issue 5, digests): subscription frequencies and digests.
-- A match of a digest subscription is recorded in the outbox in the intake transaction as before, but QUEUED (not
-- sent); the unique (subscription, story, channel) key keeps a story out of every later window. When a window closes
-- its QUEUED rows become DIGESTED and point at ONE delivery row of kind 'digest' (unique per subscription and window
-- end), which the ordinary delivery worker claims, sends, retries, fails and replays like any alert.

ALTER TABLE subscriptions ADD COLUMN frequency text NOT NULL DEFAULT 'immediate'
    CHECK (frequency IN ('immediate', 'hourly', 'daily', 'weekly'));
-- local wall-clock time of the digest (daily, weekly), the IANA zone it is read in (daily, weekly; optional for
-- hourly, whose windows end at the top of each local hour) and the day (weekly: monday … sunday)
ALTER TABLE subscriptions ADD COLUMN digest_time time;
ALTER TABLE subscriptions ADD COLUMN digest_day text
    CHECK (digest_day IS NULL OR digest_day IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday',
                                                 'saturday', 'sunday'));
ALTER TABLE subscriptions ADD COLUMN time_zone text;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_frequency_fields CHECK (
    (frequency = 'immediate' AND digest_time IS NULL AND digest_day IS NULL AND time_zone IS NULL)
 OR (frequency = 'hourly' AND digest_time IS NULL AND digest_day IS NULL)
 OR (frequency = 'daily' AND digest_time IS NOT NULL AND digest_day IS NULL AND time_zone IS NOT NULL)
 OR (frequency = 'weekly' AND digest_time IS NOT NULL AND digest_day IS NOT NULL AND time_zone IS NOT NULL));

-- The open window of each digest subscription. Kept apart from subscriptions on purpose: advancing a window must not
-- touch the subscriptions row, whose every change makes all replicas rebuild their matching index.
CREATE TABLE digest_schedules (
    subscription_id uuid        PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
    window_start    timestamptz NOT NULL,
    window_end      timestamptz NOT NULL
);
CREATE INDEX digest_schedules_due_idx ON digest_schedules (window_end);

-- Deliveries are now of two kinds: 'story' (one story; QUEUED while it waits for its digest, DIGESTED once gathered)
-- and 'digest' (one message for one window of one subscription; no story or article of its own).
ALTER TABLE deliveries ADD COLUMN kind text NOT NULL DEFAULT 'story' CHECK (kind IN ('story', 'digest'));
ALTER TABLE deliveries ALTER COLUMN story_id DROP NOT NULL;
ALTER TABLE deliveries ALTER COLUMN article_id DROP NOT NULL;
ALTER TABLE deliveries ADD COLUMN digest_id uuid REFERENCES deliveries (id) ON DELETE SET NULL;
ALTER TABLE deliveries ADD COLUMN window_start timestamptz;
ALTER TABLE deliveries ADD COLUMN window_end timestamptz;
ALTER TABLE deliveries ADD COLUMN story_count integer;
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
    CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'QUEUED', 'DIGESTED'));
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_fields CHECK (
    (kind = 'story' AND story_id IS NOT NULL AND article_id IS NOT NULL AND window_end IS NULL)
 OR (kind = 'digest' AND story_id IS NULL AND article_id IS NULL AND digest_id IS NULL
     AND window_start IS NOT NULL AND window_end IS NOT NULL));
-- the insert-once guard: one digest per subscription and window, whatever the number of replicas closing windows
CREATE UNIQUE INDEX deliveries_one_digest_per_window ON deliveries (subscription_id, window_end)
    WHERE kind = 'digest';
-- the window close gathers a subscription's QUEUED rows; the digest sender reads a digest's rows
CREATE INDEX deliveries_queued_idx ON deliveries (subscription_id, created_at) WHERE status = 'QUEUED';
CREATE INDEX deliveries_by_digest_idx ON deliveries (digest_id) WHERE digest_id IS NOT NULL;
