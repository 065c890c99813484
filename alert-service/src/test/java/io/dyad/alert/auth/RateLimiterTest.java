package io.dyad.alert.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(3, 2.0, nanos::get);

    @Test
    void allowsTheBurstThenTellsHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k")).isEmpty();
        }
        assertThat(limiter.acquire("k")).contains(Duration.ofMillis(500));
        nanos.addAndGet(250_000_000L);
        assertThat(limiter.acquire("k")).contains(Duration.ofMillis(250));
        nanos.addAndGet(250_000_000L);
        assertThat(limiter.acquire("k")).isEmpty();
    }

    @Test
    void keysHaveSeparateBucketsAndRefillStopsAtTheBurst() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.acquire("a")).isPresent();
        assertThat(limiter.acquire("b")).isEmpty();
        nanos.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isEmpty();
        }
        assertThat(limiter.acquire("a")).isPresent();
    }
}
