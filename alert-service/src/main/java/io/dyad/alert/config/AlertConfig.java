package io.dyad.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Typed configuration of alert-service: {@code dyad.alert.*}, env {@code DYAD_ALERT_*}. */
@ConfigMapping(prefix = "dyad.alert")
public interface AlertConfig {

    Index index();

    Delivery delivery();

    Intake intake();

    RateLimit rateLimit();

    /**
     * Where users reach this service (behind the ingress): the base of links in e-mails (confirmation, one-click
     * unsubscribe). Env {@code DYAD_ALERT_PUBLIC_BASE_URL}.
     */
    @WithDefault("http://localhost:8083")
    String publicBaseUrl();

    /** Per API key and replica; the operators' bootstrap key is not limited. */
    interface RateLimit {
        /** Requests a key may send at once. */
        @WithDefault("60")
        int burst();

        /** Sustained requests per second per key. */
        @WithDefault("10")
        double perSecond();
    }

    interface Index {
        /** How often each replica reloads the subscription index, so it sees changes made on other replicas. */
        @WithDefault("5s")
        Duration refreshInterval();
    }

    interface Delivery {
        /** Turns the delivery worker of this replica on or off (matching and the outbox keep working). */
        @WithDefault("true")
        boolean enabled();

        /** How often the worker looks for due deliveries when nobody wakes it up. */
        @WithDefault("1s")
        Duration pollInterval();

        /** At most this many rows claimed per round. */
        @WithDefault("50")
        int batchSize();

        /** Deliveries sent at the same time by this replica. */
        @WithDefault("8")
        int concurrency();

        /** How long a claimed row stays hidden from other workers; another worker retries it after a crash. */
        @WithDefault("60s")
        Duration lease();

        /**
         * Waits before each attempt, the first one included: the Standard Webhooks schedule (at once, 5 s, 5 min,
         * 30 min, 2 h, 5 h, 10 h, 10 h; eight attempts). Operators may set another; the fault tests shorten it.
         */
        @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
        List<Duration> retrySchedule();

        /** Deadline of one webhook call, connecting and answer together (Standard Webhooks: 15 s). */
        @WithDefault("15s")
        Duration timeout();

        /** Least time between two messages to one Slack incoming webhook (Slack allows about one per second). */
        @WithDefault("1s")
        Duration slackInterval();

        /** After a secret rotation, how long the previous secret still signs next to the new one. */
        @WithDefault("24h")
        Duration secretRotationGrace();

        /** A channel whose every attempt failed for this long (no success in between) is disabled. */
        @WithDefault("5d")
        Duration disableAfter();

        /** POST /subscriptions/{id}/enable replays FAILED deliveries made within this window (newest first). */
        @WithDefault("7d")
        Duration replayWindow();

        /** At most this many FAILED deliveries are replayed by one enable. */
        @WithDefault("1000")
        int replayLimit();

        /** At most one failure notice per subscription and kind within this interval (no floods). */
        @WithDefault("1h")
        Duration noticeInterval();
    }

    interface Intake {
        /**
         * Attempts to store and match one article when that fails for a reason that will not pass by itself (not a
         * lost connection or a deadlock), before the record is parked in the DLQ. Transient failures (database down)
         * are retried until they pass; the record is never dropped for them.
         */
        @WithDefault("5")
        int maxAttempts();

        /** Pause before the second attempt; doubled for each further one up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration retryBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    Digest digest();

    /** Digest windows (hourly, daily, weekly subscriptions). */
    interface Digest {
        /** Whether this replica closes due digest windows (every replica may; they never close one twice). */
        @WithDefault("true")
        boolean enabled();

        /** How often due windows are looked for: a digest goes out at most this long after its window ends. */
        @WithDefault("10s")
        Duration pollInterval();
    }

    // --- matching side (issue 5): retention, previews ---

    Retention retention();

    Preview preview();

    interface Retention {
        /** How long received articles are kept (previews look back at most this far). */
        @WithDefault("30d")
        Duration articles();

        /** How often expired articles are deleted. */
        @WithDefault("1h")
        Duration cleanupInterval();
    }

    interface Preview {
        /** At most this many of the newest articles in the window are read by one preview. */
        @WithDefault("20000")
        int maxArticles();
    }
}
