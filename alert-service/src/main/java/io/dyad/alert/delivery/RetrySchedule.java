package io.dyad.alert.delivery;

import io.dyad.alert.model.DeliveryStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: the Standard Webhooks schedule — attempts at once, then after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h (each wait ±10 % jitter so a burst of failures does not retry in lockstep) — then
 * FAILED. A receiver's Retry-After on a failure lengthens the scheduled wait but never shortens it, so a server
 * answering {@code 503} with {@code Retry-After: 1} cannot burn all attempts in seconds. A {@code 429} is rate
 * limiting, not failure: the row waits the Retry-After (or the scheduled step when there is none) and the attempt is
 * not counted; the 5-day disable rule still bounds an endpoint that never stops answering 429.
 */
public final class RetrySchedule {

    /** Wait before attempt n+1 is {@code WAITS.get(n)}; attempt 1 goes at once. */
    public static final List<Duration> STANDARD = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));

    public static final double JITTER = 0.10;
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(10);
    static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

    private final List<Duration> waits;
    private final DoubleSupplier random;

    public RetrySchedule(List<Duration> waits, DoubleSupplier random) {
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule has at least one attempt");
        }
        this.waits = List.copyOf(waits);
        this.random = random;
    }

    public static RetrySchedule standard() {
        return new RetrySchedule(STANDARD, Math::random);
    }

    public int maxAttempts() {
        return waits.size();
    }

    /** The new state of a delivery after {@code attempt} (1-based) ended with {@code outcome}. */
    public Decision decide(int attempt, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            return new Decision(DeliveryStatus.SENT, null, null, delivered.statusCode());
        }
        if (outcome instanceof DeliveryOutcome.ChannelGone gone) {
            return new Decision(DeliveryStatus.FAILED, null, gone.error(), gone.statusCode());
        }
        DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
        if (failed.permanent()) {
            return new Decision(DeliveryStatus.FAILED, null, failed.error(), failed.statusCode());
        }
        if (isRateLimited(failed)) {
            Duration wait = failed.retryAfter() != null ? clamp(failed.retryAfter()) : jittered(step(attempt));
            return new Decision(DeliveryStatus.PENDING, wait, failed.error(), failed.statusCode(), true);
        }
        if (attempt >= waits.size()) {
            return new Decision(DeliveryStatus.FAILED, null,
                    failed.error() + " (gave up after " + attempt + " attempts)", failed.statusCode());
        }
        Duration wait = jittered(waits.get(attempt));
        if (failed.retryAfter() != null && clamp(failed.retryAfter()).compareTo(wait) > 0) {
            wait = clamp(failed.retryAfter());
        }
        return new Decision(DeliveryStatus.PENDING, wait, failed.error(), failed.statusCode());
    }

    private static boolean isRateLimited(DeliveryOutcome.Failed failed) {
        return failed.statusCode() != null && failed.statusCode() == 429;
    }

    /** The scheduled wait after {@code attempt}; past the end of the schedule, its last step. */
    private Duration step(int attempt) {
        return waits.get(Math.min(Math.max(attempt, 1), waits.size() - 1));
    }

    private Duration jittered(Duration wait) {
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }

    private static Duration clamp(Duration retryAfter) {
        if (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) {
            return MIN_RETRY_AFTER;
        }
        return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }

    /**
     * Status after the attempt; {@code retryIn} only for PENDING; {@code uncounted} when the attempt does not count
     * against the schedule (rate limited).
     */
    public record Decision(DeliveryStatus status, Duration retryIn, String error, Integer statusCode,
            boolean uncounted) {

        public Decision(DeliveryStatus status, Duration retryIn, String error, Integer statusCode) {
            this(status, retryIn, error, statusCode, false);
        }
    }
}
