package io.dyad.alert.rest;

import io.dyad.alert.egress.Urls;
import io.dyad.alert.model.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API answers it: pairs in sorted form; the channel URL redacted to scheme, host and port, as
 * the URL itself is a secret (it is never shown again after creation).
 */
public record SubscriptionView(UUID id, String name, FilterView filter, ChannelView channel, Instant createdAt) {

    public record FilterView(List<String> pairs, List<String> countries, List<String> issues) {
    }

    public record ChannelView(String type, String url) {
    }

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.name,
                new FilterView(List.of(s.pairs), List.of(s.countries), List.of(s.issues)),
                new ChannelView(s.channelType, Urls.redact(s.channelUrl)), s.createdAt);
    }
}
