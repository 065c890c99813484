package io.dyad.alert.service;

import java.util.List;

/**
 * A subscription as the client sent it, not yet validated: any list may be null, codes in any case and order.
 * {@code countryMode} ("any"/"all"), {@code query} (Lucene syntax), {@code languages}, {@code sources} and
 * {@code minScore} are the rich-filter parts; null means not given.
 */
public record SubscriptionDraft(String name, List<String> pairs, List<String> countries, List<String> issues,
        String channelType, String channelUrl, String countryMode, String query, List<String> languages,
        List<String> sources, Double minScore) {

    /** Pairs, countries and issues only. */
    public SubscriptionDraft(String name, List<String> pairs, List<String> countries, List<String> issues,
            String channelType, String channelUrl) {
        this(name, pairs, countries, issues, channelType, channelUrl, null, null, null, null, null);
    }
}
