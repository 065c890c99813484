package io.dyad.alert.service;

import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.email.EmailAddresses;
import io.dyad.alert.egress.UnsafeUrlException;
import io.dyad.alert.matching.CountryMode;
import io.dyad.alert.matching.IssueIds;
import io.dyad.alert.matching.KeywordQueries;
import io.dyad.alert.matching.SubscriptionFilter;
import io.dyad.alert.model.ChannelType;
import io.dyad.contracts.CountryPair;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    public static final int MAX_LANGUAGES = 20;
    public static final int MAX_SOURCES = 100;
    public static final int MAX_SOURCE_LENGTH = 200;
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

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
        SubscriptionFilter filter = validateFilter(draft.pairs(), draft.countries(), draft.issues(),
                draft.countryMode(), draft.query(), draft.languages(), draft.sources(), draft.minScore());
        ChannelType type = channelType(draft.channelType());
        if (type == ChannelType.EMAIL) {
            try {
                return valid(name, filter, type, null, EmailAddresses.normalize(draft.channelAddress()));
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
        return valid(name, filter, type, url, null);
    }

    /**
     * Checks a filter (also on its own, for previews): at least one pair, country, issue or keyword query; the
     * query parses (Lucene syntax, fields title/text); languages are ISO 639-1; minScore within 0…1.
     */
    public SubscriptionFilter validateFilter(List<String> rawPairs, List<String> rawCountries, List<String> rawIssues,
            String rawCountryMode, String rawQuery, List<String> rawLanguages, List<String> rawSources,
            Double minScore) {
        List<String> pairs = canonical("filter.pairs", rawPairs, MAX_PAIRS, p -> CountryPair.parse(p).toString());
        List<String> countries = canonical("filter.countries", rawCountries, MAX_COUNTRIES,
                CountryPair::requireCountryCode);
        List<String> issues = canonical("filter.issues", rawIssues, IssueIds.ALL.size(), this::issue);
        CountryMode mode = rawCountryMode == null ? CountryMode.ANY : CountryMode.fromId(rawCountryMode)
                .orElseThrow(() -> new InvalidInputException("filter.countryMode \"" + rawCountryMode
                        + "\" is not one of: any, all"));
        String query = rawQuery == null || rawQuery.isBlank() ? null : rawQuery.strip();
        if (query != null) {
            try {
                KeywordQueries.parse(query);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("filter.query " + e.getMessage());
            }
        }
        if (pairs.isEmpty() && countries.isEmpty() && issues.isEmpty() && query == null) {
            throw new InvalidInputException(
                    "filter needs at least one pair (e.g. \"MX-US\") in filter.pairs, one country code in "
                            + "filter.countries, one issue in filter.issues or a keyword query in filter.query");
        }
        if (mode == CountryMode.ALL && countries.size() < 2) {
            throw new InvalidInputException("filter.countryMode \"all\" needs at least two countries in "
                    + "filter.countries");
        }
        List<String> languages = canonical("filter.languages", rawLanguages, MAX_LANGUAGES,
                SubscriptionValidator::language);
        List<String> sources = canonical("filter.sources", rawSources, MAX_SOURCES, SubscriptionValidator::source);
        if (minScore != null && (minScore.isNaN() || minScore < 0 || minScore > 1)) {
            throw new InvalidInputException("filter.minScore must be between 0 and 1 (tag scores are 0…1)");
        }
        return new SubscriptionFilter(Set.copyOf(pairs), Set.copyOf(countries), mode, Set.copyOf(issues), query,
                Set.copyOf(languages), Set.copyOf(sources), minScore);
    }

    private static String language(String code) {
        String normalized = code.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(normalized)) {
            throw new IllegalArgumentException("\"" + code + "\" is not an ISO 639-1 language code (e.g. en, es)");
        }
        return normalized;
    }

    private static String source(String name) {
        String normalized = name.strip().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty() || normalized.length() > MAX_SOURCE_LENGTH) {
            throw new IllegalArgumentException("a source must be a source id or name of 1 to " + MAX_SOURCE_LENGTH
                    + " characters");
        }
        return normalized;
    }

    private static ValidSubscription valid(String name, SubscriptionFilter filter, ChannelType type, String url,
            String address) {
        return new ValidSubscription(name, sorted(filter.pairs()), sorted(filter.countries()),
                sorted(filter.issues()), type, url, address, filter.countryMode(), filter.query(),
                sorted(filter.languages()), sorted(filter.sources()), filter.minScore());
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
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
