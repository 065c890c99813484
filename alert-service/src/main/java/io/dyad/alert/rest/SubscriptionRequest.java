package io.dyad.alert.rest;

import io.dyad.alert.matching.SubscriptionFilter;
import io.dyad.alert.service.SubscriptionValidator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /subscriptions}. */
public record SubscriptionRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "US–Mexico trade and migration") String name,
        @NotNull @Valid Filter filter,
        @NotNull @Valid Channel channel,
        @Valid FrequencyBody frequency) {

    /** Without a frequency: immediate alerts. */
    public SubscriptionRequest(String name, Filter filter, Channel channel) {
        this(name, filter, channel, null);
    }

    /**
     * How often alerts go out: {@code immediate} (the default: each story at once), or one digest per window:
     * {@code hourly} (at the top of every hour of {@code timeZone}, default UTC), {@code daily} (at {@code time},
     * HH:mm, in {@code timeZone}, an IANA id), {@code weekly} (on {@code day}, monday … sunday, at {@code time} in
     * {@code timeZone}).
     */
    public record FrequencyBody(
            @Schema(examples = "daily", enumeration = {"immediate", "hourly", "daily", "weekly"}) String type,
            @Schema(examples = "08:00") String time,
            @Schema(examples = "Europe/Madrid") String timeZone,
            @Schema(examples = "monday") String day) {

        io.dyad.alert.digest.FrequencySettings.Draft draft() {
            return new io.dyad.alert.digest.FrequencySettings.Draft(type, time, timeZone, day);
        }
    }

    /**
     * Any of the pairs (either order) or the countries (any or all of them, {@code countryMode}); when issues are
     * given, any of the issues; when a keyword query is given (Lucene syntax over title/text), it must find the
     * article; then languages, sources and the minimum tag score. Everything but one of pairs, countries, issues or
     * query is optional.
     */
    public record Filter(
            @Schema(examples = "[\"US-MX\"]") List<String> pairs,
            @Schema(examples = "[]") List<String> countries,
            @Schema(examples = "[\"trade\", \"migration\"]") List<String> issues,
            @Schema(examples = "any", enumeration = {"any", "all"}) String countryMode,
            @Schema(examples = "tariff* AND (steel OR title:\"auto parts\") NOT opinion") String query,
            @Schema(examples = "[\"en\", \"es\"]") List<String> languages,
            @Schema(examples = "[]") List<String> sources,
            @Schema(examples = "0.5") Double minScore) {

        /** Pairs, countries and issues only. */
        public Filter(List<String> pairs, List<String> countries, List<String> issues) {
            this(pairs, countries, issues, null, null, null, null, null);
        }

        /** The checked filter; a mistake is a 400 naming the field. */
        SubscriptionFilter validate(SubscriptionValidator validator) {
            return validator.validateFilter(pairs, countries, issues, countryMode, query, languages, sources,
                    minScore);
        }
    }

    /** Where alerts go: {@code webhook} or {@code slack} with a {@code url}, or {@code email} with an {@code address}. */
    public record Channel(
            @NotBlank @Schema(examples = "webhook") String type,
            @Schema(examples = "https://hooks.example.com/dyad") String url,
            @Schema(examples = "analyst@example.org") String address) {
    }
}
