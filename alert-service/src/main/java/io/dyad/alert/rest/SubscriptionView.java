package io.dyad.alert.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dyad.alert.egress.Urls;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.digest.FrequencySettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API answers it: pairs in sorted form; the channel URL redacted to scheme, host and port, as
 * the URL itself is a secret (it is never shown again after creation).
 */
public record SubscriptionView(UUID id, String name, FilterView filter, ChannelView channel, Instant createdAt,
        FeedView feed, FrequencyView frequency) {

    /**
     * {@code type} immediate/hourly/daily/weekly; for digests the {@code timeZone}, the local {@code time} (daily,
     * weekly) and {@code day} (weekly), and when the open window closes ({@code nextDigestAt}, an instant).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FrequencyView(String type, String time, String timeZone, String day, Instant nextDigestAt) {

        static FrequencyView of(Subscription s) {
            FrequencySettings f = s.frequencySettings();
            if (!f.frequency().isDigest()) {
                return new FrequencyView(f.frequency().id(), null, null, null, null);
            }
            return new FrequencyView(f.frequency().id(), f.timeText(), f.zone().getId(), FrequencySettings.dayId(f.day()),
                    s.nextDigestAt != null ? s.nextDigestAt : f.schedule().currentWindowEnd(Clock.systemUTC()));
        }
    }

    /** The owner's Atom feed of this subscription: {@code path} relative to the service's base URL. */
    public record FeedView(String path) {

        static FeedView of(Subscription s) {
            return s.feedToken == null ? null : new FeedView("/feeds/" + s.feedToken + ".atom");
        }
    }

    /** {@code query} and {@code minScore} are null when not set. */
    public record FilterView(List<String> pairs, List<String> countries, List<String> issues, String countryMode,
            String query, List<String> languages, List<String> sources, Double minScore) {

        static FilterView of(Subscription s) {
            return new FilterView(List.of(s.pairs), List.of(s.countries), List.of(s.issues), s.countryMode, s.query,
                    s.languages == null ? List.of() : List.of(s.languages),
                    s.sources == null ? List.of() : List.of(s.sources), s.minScore);
        }
    }

    /**
     * {@code secret}: the webhook signing secret, only in the answer that creates the subscription; {@code disabled}
     * with {@code disabledReason} when the receiver said the channel is gone (then nothing is sent until enabled).
     * E-mail channels show their {@code address} (the owner's own data), whether it is {@code confirmed}, and, in the
     * answers that asked for one, the {@code confirmationMail}: {@code queued} (sent after the commit, retried while the
     * SMTP server fails) or {@code not-needed} (confirmed already).
     */
    public record ChannelView(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String url,
            @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
            boolean disabled, @JsonInclude(JsonInclude.Include.NON_NULL) String disabledReason,
            @JsonInclude(JsonInclude.Include.NON_NULL) String address,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean confirmed,
            @JsonInclude(JsonInclude.Include.NON_NULL) String confirmationMail) {
    }

    static SubscriptionView of(Subscription s) {
        return view(s, null);
    }

    /** The answer to a create: the only one that shows the signing secret. */
    static SubscriptionView created(Subscription s) {
        return view(s, s.signingSecret);
    }

    private static SubscriptionView view(Subscription s, String secret) {
        return new SubscriptionView(s.id, s.name,
                FilterView.of(s),
                new ChannelView(s.channelType, s.channelUrl == null ? null : Urls.redact(s.channelUrl), secret,
                        s.disabledAt != null, s.disabledReason, s.emailAddress,
                        s.emailAddress == null ? null : s.emailConfirmedAt != null, s.confirmationMail), s.createdAt,
                FeedView.of(s), FrequencyView.of(s));
    }
}
