package io.dyad.alert.service;

import java.util.List;

/** A subscription as the client sent it, not yet validated: any list may be null, codes in any case and order. */
public record SubscriptionDraft(String name, List<String> pairs, List<String> countries, List<String> issues,
        String channelType, String channelUrl) {
}
