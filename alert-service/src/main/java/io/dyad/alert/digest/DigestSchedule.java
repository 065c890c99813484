package io.dyad.alert.digest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;

/**
 * When a digest subscription's windows end, in the subscriber's own zone: {@code hourly} at the top of every local
 * hour, {@code daily} at a local time, {@code weekly} on a day at a local time. A window is [previous end, end).
 * Daylight-saving changes are read from the zone's rules: 08:00 Europe/Madrid is 07:00Z in winter and 06:00Z in summer;
 * a local time that does not exist on a day (skipped by a spring-forward gap) fires at the first instant after the gap;
 * a local time that exists twice (autumn overlap) fires once, at its first occurrence.
 */
public record DigestSchedule(Frequency frequency, LocalTime time, DayOfWeek day, ZoneId zone) {

    /** Loop guard when catching up with many missed windows (e.g. hourly after a long outage). */
    static final int MAX_CATCH_UP = 100_000;

    public DigestSchedule {
        Objects.requireNonNull(frequency, "frequency");
        if (!frequency.isDigest()) {
            throw new IllegalArgumentException("immediate subscriptions have no digest schedule");
        }
        zone = zone == null ? ZoneOffset.UTC : zone;
        if (frequency != Frequency.HOURLY) {
            Objects.requireNonNull(time, "time");
        }
        if (frequency == Frequency.WEEKLY) {
            Objects.requireNonNull(day, "day");
        }
    }

    /** The end of the window open at the clock's instant: the first boundary strictly after it. */
    public Instant currentWindowEnd(Clock clock) {
        return nextAfter(clock.instant());
    }

    /** The first window end strictly after {@code t}. */
    public Instant nextAfter(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return switch (frequency) {
            case HOURLY -> {
                // top of the local hour, then hour by hour on the timeline (a DST change moves the wall clock, not us)
                Instant candidate = local.truncatedTo(ChronoUnit.HOURS).toInstant();
                while (!candidate.isAfter(t)) {
                    candidate = candidate.atZone(zone).plusHours(1).truncatedTo(ChronoUnit.HOURS).toInstant();
                }
                yield candidate;
            }
            case DAILY -> {
                LocalDate date = local.toLocalDate();
                Instant candidate = at(date);
                while (!candidate.isAfter(t)) {
                    date = date.plusDays(1);
                    candidate = at(date);
                }
                yield candidate;
            }
            case WEEKLY -> {
                LocalDate date = local.toLocalDate().with(TemporalAdjusters.nextOrSame(day));
                Instant candidate = at(date);
                while (!candidate.isAfter(t)) {
                    date = date.plusDays(1).with(TemporalAdjusters.nextOrSame(day));
                    candidate = at(date);
                }
                yield candidate;
            }
            case IMMEDIATE -> throw new IllegalStateException("no schedule");
        };
    }

    /**
     * The window end to close now: the last boundary at or before {@code now}, starting from the stored end
     * ({@code dueEnd} ≤ now). When several windows passed unclosed (every replica was down), they close as one, so an
     * outage does not end in a flood of digests; each story still appears exactly once.
     */
    public Instant lastEndAtOrBefore(Instant dueEnd, Instant now) {
        Instant end = dueEnd;
        for (int i = 0; i < MAX_CATCH_UP; i++) {
            Instant next = nextAfter(end);
            if (next.isAfter(now)) {
                return end;
            }
            end = next;
        }
        return end;
    }

    /** The local {@link #time} on {@code date} as an instant; a time inside a gap → the instant the gap ends. */
    private Instant at(LocalDate date) {
        LocalDateTime wanted = LocalDateTime.of(date, time);
        ZoneOffsetTransition gap = zone.getRules().getTransition(wanted);
        if (gap != null && gap.isGap()) {
            return gap.getInstant();
        }
        // not a gap: one valid offset, or two in an overlap, where of() takes the earlier one (fires once, first)
        return ZonedDateTime.of(wanted, zone).toInstant();
    }
}
