package io.dyad.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishingRateTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration MIN = Duration.ofMinutes(5);
    private static final Duration MAX = Duration.ofHours(2);

    private static List<Instant> every(Duration gap, int n) {
        List<Instant> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(NOW.minus(gap.multipliedBy(i)));
        }
        return out;
    }

    @Test
    void itemsPerDayIsTheCountOverTheSpanTheFeedShowsUpToNow() {
        // 12 items, one every 30 minutes: the oldest 6 h ago
        double perDay = PublishingRate.fromDates(every(Duration.ofMinutes(30), 12), NOW).orElseThrow();
        assertThat(perDay).isCloseTo(48.0, within(0.01));
        assertThat(PublishingRate.interval(perDay, MIN, MAX)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aFeedThatAlsoShowsOlderItemsCoversTheWholeWeek() {
        List<Instant> dates = new ArrayList<>(every(Duration.ofDays(1), 3)); // 3 in the last week
        dates.add(NOW.minus(Duration.ofDays(30)));
        assertThat(PublishingRate.fromDates(dates, NOW).orElseThrow()).isCloseTo(3 / 7.0, within(0.001));
    }

    @Test
    void boundsHold() {
        assertThat(PublishingRate.interval(10_000, MIN, MAX)).isEqualTo(MIN); // busy: never below the lower bound
        assertThat(PublishingRate.interval(1, MIN, MAX)).isEqualTo(MAX); // once a day: the upper bound
        assertThat(PublishingRate.interval(0, MIN, MAX)).isEqualTo(MAX); // silent
    }

    @Test
    void quietUndatedAndBogusDates() {
        assertThat(PublishingRate.fromDates(every(Duration.ofDays(30), 5), NOW)).hasValue(0.0);
        assertThat(PublishingRate.fromDates(Arrays.asList(null, null), NOW)).isEmpty();
        assertThat(PublishingRate.fromDates(List.of(NOW.plus(Duration.ofDays(3))), NOW)).isEmpty();
        // a burst a minute ago counts over at least an hour, not over one minute
        assertThat(PublishingRate.fromDates(List.of(NOW.minusSeconds(60), NOW.minusSeconds(30)), NOW).orElseThrow())
                .isCloseTo(48.0, within(0.01));
    }

    @Test
    void countsSeenArriveOverAtLeastADayAndAtMostAWeek() {
        assertThat(PublishingRate.fromCount(20, Duration.ofMinutes(5))).isEqualTo(20.0);
        assertThat(PublishingRate.fromCount(14, Duration.ofDays(30))).isEqualTo(2.0);
        assertThat(PublishingRate.fromCount(6, Duration.ofDays(3))).isEqualTo(2.0);
    }
}
