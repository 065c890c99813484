package io.dyad.alert.auth;

import java.time.Duration;

/** The key's request budget is spent. Answered as 429 with {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("too many requests with this API key; retry after " + retrySeconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return retrySeconds(retryAfter);
    }

    private static long retrySeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
