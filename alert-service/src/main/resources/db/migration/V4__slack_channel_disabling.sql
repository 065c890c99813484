-- alert-service schema, version 4 (issue 5): Slack channels, and channels disabled after the receiver said they are
-- gone (Slack 403/404/410). A disabled subscription matches nothing until its owner enables it again.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_channel_type_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_channel_type_check
    CHECK (channel_type IN ('webhook', 'slack'));
ALTER TABLE subscriptions ADD COLUMN disabled_at timestamptz;
ALTER TABLE subscriptions ADD COLUMN disabled_reason text;
