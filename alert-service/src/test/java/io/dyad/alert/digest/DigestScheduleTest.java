package io.dyad.alert.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Window ends in the subscriber's zone, with an injected clock. Europe/Madrid changes on 29 March 2026 (02:00 CET →
 * 03:00 CEST, the hour 02:00–03:00 does not exist) and on 25 October 2026 (03:00 CEST → 02:00 CET, 02:00–03:00 happens
 * twice).
 */
class DigestScheduleTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static DigestSchedule daily(String time, ZoneId zone) {
        return new DigestSchedule(Frequency.DAILY, LocalTime.parse(time), null, zone);
    }

    @Test
    void dailyEightInMadridIsEightLocalOnBothSidesOfTheSpringChange() {
        DigestSchedule s = daily("08:00", MADRID);
        // Saturday 28 March: CET (+01:00) → 07:00Z
        Instant first = s.currentWindowEnd(at("2026-03-27T09:00:00Z"));
        assertThat(first).isEqualTo("2026-03-28T07:00:00Z");
        // Sunday 29 March: CEST (+02:00) → 06:00Z; the window is 23 hours long
        Instant second = s.nextAfter(first);
        assertThat(second).isEqualTo("2026-03-29T06:00:00Z");
        assertThat(s.nextAfter(second)).isEqualTo("2026-03-30T06:00:00Z");
    }

    @Test
    void dailyEightInMadridIsEightLocalOnBothSidesOfTheAutumnChange() {
        DigestSchedule s = daily("08:00", MADRID);
        assertThat(s.currentWindowEnd(at("2026-10-24T06:00:00Z"))).isEqualTo("2026-10-25T07:00:00Z")
                .as("the window of 24 → 25 October lasts 25 hours");
        assertThat(s.currentWindowEnd(at("2026-10-23T07:00:00Z"))).isEqualTo("2026-10-24T06:00:00Z");
        assertThat(s.nextAfter(Instant.parse("2026-10-24T06:00:00Z"))).isEqualTo("2026-10-25T07:00:00Z");
    }

    @Test
    void aSkippedLocalTimeFiresAtTheFirstInstantAfterTheGap() {
        DigestSchedule s = daily("02:30", MADRID);
        // 28 March 02:30 CET = 01:30Z; 29 March 02:30 does not exist → 03:00 CEST = 01:00Z; 30 March 02:30 CEST = 00:30Z
        assertThat(s.currentWindowEnd(at("2026-03-28T00:00:00Z"))).isEqualTo("2026-03-28T01:30:00Z");
        assertThat(s.nextAfter(Instant.parse("2026-03-28T01:30:00Z"))).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(s.nextAfter(Instant.parse("2026-03-29T01:00:00Z"))).isEqualTo("2026-03-30T00:30:00Z");
    }

    @Test
    void anAmbiguousLocalTimeFiresOnceAtItsFirstOccurrence() {
        DigestSchedule s = daily("02:30", MADRID);
        // 25 October 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET): only the first is a window end
        Instant end = s.currentWindowEnd(at("2026-10-24T12:00:00Z"));
        assertThat(end).isEqualTo("2026-10-25T00:30:00Z");
        Instant next = s.nextAfter(end);
        assertThat(next).isEqualTo("2026-10-26T01:30:00Z");
        assertThat(s.currentWindowEnd(at("2026-10-25T01:00:00Z"))).isEqualTo(next)
                .as("between the two 02:30s no second window end");
    }

    @Test
    void aWindowEndIsStrictlyAfterNowAndTheZoneDecidesTheDay() {
        DigestSchedule s = daily("08:00", MADRID);
        assertThat(s.currentWindowEnd(at("2026-11-28T07:00:00Z"))).isEqualTo("2026-11-29T07:00:00Z")
                .as("exactly at 08:00 local the window that ends now is closed; the next ends tomorrow");
        assertThat(s.currentWindowEnd(at("2026-11-28T06:59:59Z"))).isEqualTo("2026-11-28T07:00:00Z");
        DigestSchedule tokyo = daily("08:00", ZoneId.of("Asia/Tokyo"));
        // 23:30Z on the 27th is already 08:30 on the 28th in Tokyo: the next 08:00 there is the 29th
        assertThat(tokyo.currentWindowEnd(at("2026-11-27T23:30:00Z"))).isEqualTo("2026-11-28T23:00:00Z");
        DigestSchedule la = daily("18:00", ZoneId.of("America/Los_Angeles"));
        assertThat(la.currentWindowEnd(at("2026-11-28T07:00:00Z"))).isEqualTo("2026-11-29T02:00:00Z");
    }

    @Test
    void weeklyOnADayAtALocalTime() {
        DigestSchedule s = new DigestSchedule(Frequency.WEEKLY, LocalTime.parse("09:30"), DayOfWeek.MONDAY, MADRID);
        // Saturday 28 November 2026 → Monday 30 November 09:30 CET = 08:30Z, then a week later
        Instant end = s.currentWindowEnd(at("2026-11-28T07:00:00Z"));
        assertThat(end).isEqualTo("2026-11-30T08:30:00Z");
        assertThat(s.nextAfter(end)).isEqualTo("2026-12-07T08:30:00Z");
        // on the Monday itself, before and after 09:30
        assertThat(s.currentWindowEnd(at("2026-11-30T08:29:00Z"))).isEqualTo("2026-11-30T08:30:00Z");
        assertThat(s.currentWindowEnd(at("2026-11-30T08:31:00Z"))).isEqualTo("2026-12-07T08:30:00Z");
        // across the spring change: Monday 23 March 09:30 CET = 08:30Z, Monday 30 March 09:30 CEST = 07:30Z
        assertThat(s.nextAfter(Instant.parse("2026-03-23T08:30:00Z"))).isEqualTo("2026-03-30T07:30:00Z");
    }

    @Test
    void hourlyEndsAtTheTopOfEveryLocalHourIncludingHalfHourZones() {
        DigestSchedule utc = new DigestSchedule(Frequency.HOURLY, null, null, null);
        assertThat(utc.currentWindowEnd(at("2026-11-28T07:20:00Z"))).isEqualTo("2026-11-28T08:00:00Z");
        assertThat(utc.currentWindowEnd(at("2026-11-28T08:00:00Z"))).isEqualTo("2026-11-28T09:00:00Z");
        DigestSchedule india = new DigestSchedule(Frequency.HOURLY, null, null, ZoneId.of("Asia/Kolkata"));
        // +05:30: local hours begin at :30 UTC
        assertThat(india.currentWindowEnd(at("2026-11-28T07:20:00Z"))).isEqualTo("2026-11-28T07:30:00Z");
        // Madrid's autumn night has 25 hourly windows, each one hour long
        DigestSchedule madrid = new DigestSchedule(Frequency.HOURLY, null, null, MADRID);
        Instant t = Instant.parse("2026-10-24T22:00:00Z");
        int windows = 0;
        while (t.isBefore(Instant.parse("2026-10-25T23:00:00Z"))) {
            Instant next = madrid.nextAfter(t);
            assertThat(java.time.Duration.between(t, next)).hasHours(1);
            t = next;
            windows++;
        }
        assertThat(windows).isEqualTo(25);
    }

    @Test
    void missedWindowsCloseAsOneEndingAtTheLastBoundary() {
        DigestSchedule s = daily("08:00", MADRID);
        Instant stored = Instant.parse("2026-11-25T07:00:00Z");
        assertThat(s.lastEndAtOrBefore(stored, Instant.parse("2026-11-28T07:30:00Z")))
                .isEqualTo("2026-11-28T07:00:00Z");
        assertThat(s.lastEndAtOrBefore(stored, Instant.parse("2026-11-25T07:00:01Z"))).isEqualTo(stored);
    }
}
