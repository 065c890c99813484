package io.dyad.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How often a source publishes, and the poll interval that follows from it. A feed lists its latest items with
 * their publication dates: the items of the last {@value #WINDOW_DAYS} days divided by the time they span (up to
 * now, so a feed that went quiet slows down) give items per day, and the interval is the average gap between two
 * items, within the source's bounds. Pure.
 */
public final class PublishingRate {

    static final int WINDOW_DAYS = 7;
    static final Duration WINDOW = Duration.ofDays(WINDOW_DAYS);
    /** Dates this far ahead are tolerated as clock skew; later ones are ignored as bogus. */
    private static final Duration SKEW = Duration.ofHours(1);
    private static final Duration MIN_SPAN = Duration.ofHours(1);

    private PublishingRate() {
    }

    /**
     * Items per day from the publication dates of a feed's items; empty when no item carries a usable date (the
     * caller then counts what it saw arrive).
     */
    public static OptionalDouble fromDates(List<Instant> published, Instant now) {
        List<Instant> dated = published.stream().filter(Objects::nonNull)
                .filter(d -> !d.isAfter(now.plus(SKEW))).toList();
        if (dated.isEmpty()) {
            return OptionalDouble.empty();
        }
        Instant since = now.minus(WINDOW);
        List<Instant> recent = dated.stream().filter(d -> !d.isBefore(since)).toList();
        if (recent.isEmpty()) {
            return OptionalDouble.of(0); // everything the feed shows is older than the window: a quiet source
        }
        // when the feed also shows older items it covers the whole window; otherwise only back to its oldest item
        Instant from = recent.size() < dated.size() ? since : recent.stream().min(Instant::compareTo).orElseThrow();
        Duration span = Duration.between(from, now);
        if (span.compareTo(MIN_SPAN) < 0) {
            span = MIN_SPAN;
        }
        return OptionalDouble.of(recent.size() * (double) Duration.ofDays(1).toSeconds() / span.toSeconds());
    }

    /** Items per day from a count of new items seen over {@code observed} (at least a day, at most the window). */
    public static double fromCount(long items, Duration observed) {
        Duration d = observed.compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1)
                : observed.compareTo(WINDOW) > 0 ? WINDOW : observed;
        return items * (double) Duration.ofDays(1).toSeconds() / d.toSeconds();
    }

    /** The average gap between two items, within [min, max]; the upper bound for a source that publishes nothing. */
    public static Duration interval(double itemsPerDay, Duration min, Duration max) {
        if (itemsPerDay <= 0) {
            return max;
        }
        double seconds = Duration.ofDays(1).toSeconds() / itemsPerDay;
        if (seconds <= min.toSeconds()) {
            return min;
        }
        if (seconds >= max.toSeconds()) {
            return max;
        }
        return Duration.ofSeconds(Math.round(seconds));
    }
}
