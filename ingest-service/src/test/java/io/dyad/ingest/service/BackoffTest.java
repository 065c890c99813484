package io.dyad.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration MAX = Duration.ofHours(6);

    @Test
    void doublesFromThePollIntervalUpToTheMaximum() {
        Duration five = Duration.ofMinutes(5);
        assertThat(SourceStateStore.backoff(five, 1, MAX)).isEqualTo(Duration.ofMinutes(5));
        assertThat(SourceStateStore.backoff(five, 2, MAX)).isEqualTo(Duration.ofMinutes(10));
        assertThat(SourceStateStore.backoff(five, 3, MAX)).isEqualTo(Duration.ofMinutes(20));
        assertThat(SourceStateStore.backoff(five, 7, MAX)).isEqualTo(Duration.ofMinutes(320));
        assertThat(SourceStateStore.backoff(five, 8, MAX)).isEqualTo(MAX);
        assertThat(SourceStateStore.backoff(five, 1000, MAX)).isEqualTo(MAX);
    }

    @Test
    void neverWaitsLessThanThePollInterval() {
        assertThat(SourceStateStore.backoff(Duration.ofDays(1), 3, MAX)).isEqualTo(Duration.ofDays(1));
    }
}
