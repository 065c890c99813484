package io.dyad.alert.service;

import io.dyad.alert.model.ChannelType;
import java.util.List;

/**
 * A validated subscription: pairs in sorted form, upper-case countries, known issue ids; each list sorted, unique.
 * E-mail channels have a {@code channelAddress} (normalised) and no URL; the others a URL and no address.
 */
public record ValidSubscription(String name, List<String> pairs, List<String> countries, List<String> issues,
        ChannelType channelType, String channelUrl,
        String channelAddress) {
}
