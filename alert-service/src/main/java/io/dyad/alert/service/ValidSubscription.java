package io.dyad.alert.service;

import io.dyad.alert.matching.CountryMode;
import io.dyad.alert.model.ChannelType;
import java.util.List;

/**
 * A validated subscription: pairs in sorted form, upper-case countries, known issue ids, lower-case languages and
 * sources; each list sorted, unique. {@code query} parsed once to prove it valid (null = none).
 * E-mail channels have a {@code channelAddress} (normalised) and no URL; the others a URL and no address.
 */
public record ValidSubscription(String name, List<String> pairs, List<String> countries, List<String> issues,
        ChannelType channelType, String channelUrl,
        String channelAddress, CountryMode countryMode, String query, List<String> languages, List<String> sources,
        Double minScore) {
}
