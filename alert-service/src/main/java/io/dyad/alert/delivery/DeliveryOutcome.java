package io.dyad.alert.delivery;

import java.time.Duration;

/** What one attempt to deliver an alert gave. */
public sealed interface DeliveryOutcome {

    /** The receiver accepted the alert (2xx). */
    record Delivered(int statusCode) implements DeliveryOutcome {
    }

    /**
     * The attempt failed. {@code permanent} failures are not retried (e.g. a URL the SSRF guard refuses);
     * {@code retryAfter} is the receiver's Retry-After, when it sent one; {@code statusCode} is null without a response.
     */
    record Failed(String error, Integer statusCode, Duration retryAfter, boolean permanent)
            implements DeliveryOutcome {

        public static Failed retryable(String error) {
            return new Failed(error, null, null, false);
        }

        public static Failed permanent(String error) {
            return new Failed(error, null, null, true);
        }
    }

    /**
     * The channel is gone or forbids us (Slack 403/404/410: {@code channel_not_found}, {@code no_service}, …): no retry,
     * and the subscription's channel is disabled until its owner enables it again.
     */
    record ChannelGone(String error, int statusCode) implements DeliveryOutcome {
    }
}
