package io.dyad.alert.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FrequencySettingsTest {

    private static FrequencySettings parse(String type, String time, String zone, String day) {
        return FrequencySettings.parse(new FrequencySettings.Draft(type, time, zone, day));
    }

    @Test
    void validFrequencies() {
        assertThat(FrequencySettings.parse(null)).isEqualTo(FrequencySettings.IMMEDIATE);
        assertThat(parse("Immediate", null, null, null)).isEqualTo(FrequencySettings.IMMEDIATE);
        assertThat(parse("hourly", null, null, null).zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(parse("hourly", null, "Asia/Kolkata", null).zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        FrequencySettings daily = parse("daily", "08:00", "Europe/Madrid", null);
        assertThat(daily.time()).isEqualTo(LocalTime.of(8, 0));
        assertThat(daily.timeText()).isEqualTo("08:00");
        FrequencySettings weekly = parse("weekly", "23:59", "America/Mexico_City", "Friday");
        assertThat(weekly.day()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(weekly.schedule().frequency()).isEqualTo(Frequency.WEEKLY);
        assertThat(FrequencySettings.stored("weekly", LocalTime.of(23, 59), "friday", "America/Mexico_City"))
                .isEqualTo(weekly);
    }

    @Test
    void everyMistakeSaysWhichFieldAndWhy() {
        assertThatThrownBy(() -> parse("minutely", null, null, null))
                .hasMessage("frequency.type \"minutely\" is not one of: immediate, hourly, daily, weekly");
        assertThatThrownBy(() -> parse(null, "08:00", null, null))
                .hasMessage("frequency.type is required; one of: immediate, hourly, daily, weekly");
        assertThatThrownBy(() -> parse("daily", null, "Europe/Madrid", null))
                .hasMessage("frequency.time is required for daily digests: the local time as HH:mm, e.g. \"08:00\"");
        assertThatThrownBy(() -> parse("daily", "08:00", null, null))
                .hasMessageStartingWith("frequency.timeZone is required for daily digests");
        assertThatThrownBy(() -> parse("daily", "8am", "Europe/Madrid", null))
                .hasMessageStartingWith("frequency.time \"8am\" is not a local time as HH:mm");
        assertThatThrownBy(() -> parse("daily", "24:00", "Europe/Madrid", null))
                .hasMessageStartingWith("frequency.time \"24:00\" is not a local time as HH:mm");
        assertThatThrownBy(() -> parse("daily", "08:00", "Europe/Atlantis", null))
                .hasMessageStartingWith("frequency.timeZone \"Europe/Atlantis\" is not an IANA time zone id");
        assertThatThrownBy(() -> parse("daily", "08:00", "+02:00", null))
                .hasMessageStartingWith("frequency.timeZone \"+02:00\" is not an IANA time zone id");
        assertThatThrownBy(() -> parse("daily", "08:00", "europe/madrid", null))
                .hasMessageContaining("case-sensitive");
        assertThatThrownBy(() -> parse("weekly", "08:00", "Europe/Madrid", null))
                .hasMessage("frequency.day is required for weekly digests: one of monday, tuesday, wednesday, "
                        + "thursday, friday, saturday, sunday");
        assertThatThrownBy(() -> parse("weekly", "08:00", "Europe/Madrid", "funday"))
                .hasMessageStartingWith("frequency.day \"funday\" is not a day of the week");
        assertThatThrownBy(() -> parse("daily", "08:00", "Europe/Madrid", "monday"))
                .hasMessage("frequency.day does not apply to daily digests (only weekly digests have a day)");
        assertThatThrownBy(() -> parse("hourly", "08:00", null, null))
                .hasMessage("frequency.time does not apply to hourly digests (they close at the top of every hour)");
        assertThatThrownBy(() -> parse("immediate", null, "Europe/Madrid", null))
                .hasMessage("frequency.timeZone does not apply to immediate alerts (only digests are sent in a time "
                        + "zone)");
    }
}
