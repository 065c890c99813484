package io.dyad.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.alert.model.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final DeliveryOutcome FAILED_500 = new DeliveryOutcome.Failed("HTTP 500", 500, null, false);

    @Test
    void followsTheStandardWebhooksScheduleWithoutJitterAtTheMidpoint() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.STANDARD, () -> 0.5);
        List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

        for (int attempt = 1; attempt <= 7; attempt++) {
            RetrySchedule.Decision d = schedule.decide(attempt, FAILED_500);
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.retryIn()).as("wait after attempt %d", attempt).isEqualTo(expected.get(attempt - 1));
            assertThat(d.error()).isEqualTo("HTTP 500");
            assertThat(d.statusCode()).isEqualTo(500);
        }
        assertThat(schedule.maxAttempts()).isEqualTo(8);
    }

    @Test
    void failsAfterTheEighthAttempt() {
        RetrySchedule.Decision d = RetrySchedule.standard().decide(8, FAILED_500);

        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.retryIn()).isNull();
        assertThat(d.error()).contains("HTTP 500").contains("gave up after 8 attempts");
    }

    @Test
    void jitterStaysWithinTenPercent() {
        RetrySchedule low = new RetrySchedule(RetrySchedule.STANDARD, () -> 0.0);
        RetrySchedule high = new RetrySchedule(RetrySchedule.STANDARD, () -> 0.999999);

        assertThat(low.decide(2, FAILED_500).retryIn()).isEqualTo(Duration.ofSeconds(270));
        assertThat(high.decide(2, FAILED_500).retryIn()).isBetween(Duration.ofSeconds(329), Duration.ofSeconds(330));
        for (int i = 0; i < 100; i++) {
            assertThat(RetrySchedule.standard().decide(1, FAILED_500).retryIn())
                    .isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500));
        }
    }

    @Test
    void deliveredIsSent() {
        RetrySchedule.Decision d = RetrySchedule.standard().decide(3, new DeliveryOutcome.Delivered(202));

        assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(d.statusCode()).isEqualTo(202);
        assertThat(d.error()).isNull();
    }

    @Test
    void permanentFailuresAreNotRetried() {
        RetrySchedule.Decision d = RetrySchedule.standard().decide(1,
                DeliveryOutcome.Failed.permanent("refused: a private address"));

        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.error()).isEqualTo("refused: a private address");
    }

    @Test
    void retryAfterOnAFailureLengthensTheScheduledWaitButNeverShortensIt() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.STANDARD, () -> 0.5);

        RetrySchedule.Decision longer = schedule.decide(2, failed(503, Duration.ofHours(1)));
        assertThat(longer.retryIn()).isEqualTo(Duration.ofHours(1));
        assertThat(longer.uncounted()).isFalse();
        // a 503 asking for 1 s after the second attempt still waits the scheduled 5 minutes
        assertThat(schedule.decide(2, failed(503, Duration.ofSeconds(1))).retryIn()).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.decide(2, failed(503, Duration.ofDays(3))).retryIn())
                .isEqualTo(RetrySchedule.MAX_RETRY_AFTER);
        // and it does not add attempts
        assertThat(schedule.decide(8, failed(503, Duration.ofSeconds(2))).status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void rateLimitingWaitsItsRetryAfterWithoutSpendingAnAttempt() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.STANDARD, () -> 0.5);

        RetrySchedule.Decision first = schedule.decide(1, failed(429, Duration.ofSeconds(2)));
        assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(first.retryIn()).isEqualTo(Duration.ofSeconds(2));
        assertThat(first.uncounted()).isTrue();
        // a 429 on the last attempt is not the end: the row waits and the attempt is given back
        RetrySchedule.Decision last = schedule.decide(8, failed(429, Duration.ofSeconds(2)));
        assertThat(last.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(last.uncounted()).isTrue();
        // bounds, and the scheduled step when the server gives no Retry-After
        assertThat(schedule.decide(1, failed(429, Duration.ZERO)).retryIn()).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.decide(1, failed(429, Duration.ofDays(3))).retryIn())
                .isEqualTo(RetrySchedule.MAX_RETRY_AFTER);
        assertThat(schedule.decide(2, failed(429, null)).retryIn()).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.decide(8, failed(429, null)).retryIn()).isEqualTo(Duration.ofHours(10));
    }

    private static DeliveryOutcome.Failed failed(int status, Duration retryAfter) {
        return new DeliveryOutcome.Failed("HTTP " + status, status, retryAfter, false);
    }

    @Test
    void retryAfterHeaderInSecondsOrAsHttpDate() {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");

        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 12:01:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("", now)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", now)).isEmpty();
    }
}
