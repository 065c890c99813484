package io.dyad.alert.service;

import java.time.Duration;

/** The same action was done a moment ago (e.g. a confirmation mail). Answered as 429 with {@code Retry-After}. */
public class TooSoonException extends RuntimeException {

    private final Duration retryAfter;

    public TooSoonException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
