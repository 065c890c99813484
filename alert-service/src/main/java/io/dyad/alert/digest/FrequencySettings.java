package io.dyad.alert.digest;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A subscription's validated frequency: {@code immediate} (nothing else), {@code hourly} (an optional zone, for zones
 * whose offset is not a whole hour), {@code daily} (a local time and an IANA zone) or {@code weekly} (a day, a local
 * time and a zone). {@link #parse} says exactly which field is missing, malformed or does not fit.
 */
public record FrequencySettings(Frequency frequency, LocalTime time, DayOfWeek day, ZoneId zone) {

    public static final FrequencySettings IMMEDIATE = new FrequencySettings(Frequency.IMMEDIATE, null, null, null);

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final String DAYS = Arrays.stream(DayOfWeek.values()).map(FrequencySettings::dayId)
            .collect(Collectors.joining(", "));

    /** As the client sent it; every field may be null. */
    public record Draft(String type, String time, String timeZone, String day) {
    }

    /** Null draft = immediate (the default); otherwise every field is checked against the type. */
    public static FrequencySettings parse(Draft draft) {
        if (draft == null) {
            return IMMEDIATE;
        }
        if (draft.type() == null || draft.type().isBlank()) {
            throw new IllegalArgumentException("frequency.type is required; one of: " + Frequency.supported());
        }
        Frequency f = Frequency.fromId(draft.type()).orElseThrow(() -> new IllegalArgumentException(
                "frequency.type \"" + draft.type() + "\" is not one of: " + Frequency.supported()));
        String what = f == Frequency.IMMEDIATE ? "immediate alerts" : f.id() + " digests";
        if (f == Frequency.IMMEDIATE) {
            refuse(draft.time(), "frequency.time", what, "only daily and weekly digests have a time");
            refuse(draft.timeZone(), "frequency.timeZone", what, "only digests are sent in a time zone");
            refuse(draft.day(), "frequency.day", what, "only weekly digests have a day");
            return IMMEDIATE;
        }
        if (f == Frequency.HOURLY) {
            refuse(draft.time(), "frequency.time", what, "they close at the top of every hour");
            refuse(draft.day(), "frequency.day", what, "only weekly digests have a day");
            return new FrequencySettings(f, null, null, draft.timeZone() == null ? ZoneId.of("UTC")
                    : zone(draft.timeZone()));
        }
        if (f == Frequency.DAILY) {
            refuse(draft.day(), "frequency.day", what, "only weekly digests have a day");
        }
        if (draft.time() == null) {
            throw new IllegalArgumentException("frequency.time is required for " + what
                    + ": the local time as HH:mm, e.g. \"08:00\"");
        }
        if (draft.timeZone() == null) {
            throw new IllegalArgumentException("frequency.timeZone is required for " + what
                    + ": an IANA time zone id such as \"Europe/Madrid\" or \"UTC\"");
        }
        DayOfWeek day = null;
        if (f == Frequency.WEEKLY) {
            if (draft.day() == null) {
                throw new IllegalArgumentException("frequency.day is required for weekly digests: one of " + DAYS);
            }
            day = day(draft.day());
        }
        return new FrequencySettings(f, time(draft.time()), day, zone(draft.timeZone()));
    }

    /** From the stored columns (already valid). */
    public static FrequencySettings stored(String frequency, LocalTime time, String day, String zone) {
        Frequency f = Frequency.fromId(frequency).orElse(Frequency.IMMEDIATE);
        if (f == Frequency.IMMEDIATE) {
            return IMMEDIATE;
        }
        return new FrequencySettings(f, time, day == null ? null : DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
                zone == null ? ZoneId.of("UTC") : ZoneId.of(zone));
    }

    /** The window schedule; null for immediate. */
    public DigestSchedule schedule() {
        return frequency.isDigest() ? new DigestSchedule(frequency, time, day, zone) : null;
    }

    /** {@code monday} … {@code sunday}, as stored and answered. */
    public static String dayId(DayOfWeek day) {
        return day == null ? null : day.name().toLowerCase(Locale.ROOT);
    }

    /** {@code HH:mm}, as answered. */
    public String timeText() {
        return time == null ? null : String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    private static void refuse(String value, String field, String what, String why) {
        if (value != null) {
            throw new IllegalArgumentException(field + " does not apply to " + what + " (" + why + ")");
        }
    }

    private static LocalTime time(String raw) {
        String t = raw.strip();
        if (!HH_MM.matcher(t).matches()) {
            throw new IllegalArgumentException("frequency.time \"" + raw + "\" is not a local time as HH:mm "
                    + "(00:00 to 23:59), e.g. \"08:00\"");
        }
        return LocalTime.parse(t);
    }

    private static ZoneId zone(String raw) {
        String z = raw.strip();
        if (!ZONES.contains(z)) {
            throw new IllegalArgumentException("frequency.timeZone \"" + raw + "\" is not an IANA time zone id "
                    + "(e.g. Europe/Madrid, America/Mexico_City, UTC); ids are case-sensitive");
        }
        return ZoneId.of(z);
    }

    private static DayOfWeek day(String raw) {
        String d = raw.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(d)) {
                return day;
            }
        }
        throw new IllegalArgumentException("frequency.day \"" + raw + "\" is not a day of the week: one of " + DAYS);
    }
}
