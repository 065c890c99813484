package io.dyad.alert.service;

import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.email.EmailAddresses;
import io.dyad.alert.egress.UnsafeUrlException;
import io.dyad.alert.matching.IssueIds;
import io.dyad.alert.model.ChannelType;
import io.dyad.contracts.CountryPair;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks a {@link SubscriptionDraft} and puts it in canonical form, or throws {@link InvalidInputException} whose
 * message tells the client exactly what is wrong.
 */
public class SubscriptionValidator {

    public static final int MAX_NAME = 200;
    public static final int MAX_PAIRS = 100;
    public static final int MAX_COUNTRIES = 100;

    private final SsrfGuard guard;

    public SubscriptionValidator(SsrfGuard guard) {
        this.guard = guard;
    }

    public ValidSubscription validate(SubscriptionDraft draft) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("name is required");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name is longer than " + MAX_NAME + " characters");
        }
        List<String> pairs = canonical("filter.pairs", draft.pairs(), MAX_PAIRS,
                p -> CountryPair.parse(p).toString());
        List<String> countries = canonical("filter.countries", draft.countries(), MAX_COUNTRIES,
                CountryPair::requireCountryCode);
        List<String> issues = canonical("filter.issues", draft.issues(), IssueIds.ALL.size(), this::issue);
        if (pairs.isEmpty() && countries.isEmpty()) {
            throw new InvalidInputException(
                    "filter needs at least one pair (e.g. \"MX-US\") in filter.pairs or one country code in "
                            + "filter.countries");
        }
        ChannelType type = channelType(draft.channelType());
        if (type == ChannelType.EMAIL) {
            try {
                return new ValidSubscription(name, pairs, countries, issues, type, null,
                        EmailAddresses.normalize(draft.channelAddress()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("channel.address " + e.getMessage());
            }
        }
        String url = draft.channelUrl() == null ? "" : draft.channelUrl().strip();
        if (url.isEmpty()) {
            throw new InvalidInputException("channel.url is required");
        }
        java.net.URI checked;
        try {
            checked = guard.check(url);
        } catch (UnsafeUrlException e) {
            throw new InvalidInputException("channel.url is refused: " + e.getMessage());
        }
        // production (private networks refused) takes https only: alerts and their signatures travel encrypted
        if (!guard.allowsPrivateNetwork() && !"https".equalsIgnoreCase(checked.getScheme())) {
            throw new InvalidInputException("channel.url must use https");
        }
        return new ValidSubscription(name, pairs, countries, issues, type, url, null);
    }

    private String issue(String id) {
        String normalized = id.strip().toLowerCase(Locale.ROOT);
        if (!IssueIds.isKnown(normalized)) {
            throw new IllegalArgumentException("\"" + id + "\" is not an issue id; known issue ids: "
                    + String.join(", ", IssueIds.ALL));
        }
        return normalized;
    }

    private static ChannelType channelType(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("channel.type is required; supported channel types: "
                    + ChannelType.supported());
        }
        return ChannelType.fromId(type).orElseThrow(() -> new InvalidInputException("channel type \"" + type
                + "\" is not supported; supported channel types: " + ChannelType.supported()));
    }

    private static List<String> canonical(String field, List<String> values, int max,
            Function<String, String> normalize) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            throw new InvalidInputException(field + " has " + values.size() + " entries; at most " + max);
        }
        TreeSet<String> out = new TreeSet<>();
        for (String value : values) {
            if (value == null) {
                throw new InvalidInputException(field + " must not contain null");
            }
            try {
                out.add(normalize.apply(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
