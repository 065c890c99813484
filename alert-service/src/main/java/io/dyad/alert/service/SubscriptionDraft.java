package io.dyad.alert.service;

import java.util.List;

/**
 * A subscription as the client sent it, not yet validated: any list may be null, codes in any case and order.
 * {@code channelAddress} is the e-mail address of an {@code email} channel (which has no URL).
 * {@code countryMode} ("any"/"all"), {@code query} (Lucene syntax), {@code languages}, {@code sources} and
 * {@code minScore} are the rich-filter parts; null means not given.
 */
public record SubscriptionDraft(String name, List<String> pairs, List<String> countries, List<String> issues,
        String channelType, String channelUrl,
        String channelAddress, String countryMode, String query, List<String> languages, List<String> sources,
        Double minScore) {

    /** A webhook or Slack channel: a URL, no address. */
    public SubscriptionDraft(String name, List<String> pairs, List<String> countries, List<String> issues,
            String channelType, String channelUrl) {
        this(name, pairs, countries, issues, channelType, channelUrl, null);
    }

    /** Pairs, countries and issues only. */
    public SubscriptionDraft(String name, List<String> pairs, List<String> countries, List<String> issues,
            String channelType, String channelUrl, String channelAddress) {
        this(name, pairs, countries, issues, channelType, channelUrl, channelAddress, null, null, null, null, null);
    }
}
