package io.dyad.alert.matching;

import java.util.Set;

/**
 * A validated filter. An article matches when all the given parts hold:
 * <ul>
 * <li>where: one of {@code pairs} (sorted form), or {@code countries} — any one, or all with {@link CountryMode#ALL};
 * skipped when both are empty;</li>
 * <li>{@code issues}: one of them (empty = any issue);</li>
 * <li>{@code query}: the keyword query finds the article's title or text (null = no keyword filter);</li>
 * <li>{@code languages}, {@code sources}: the article's language, its source's id or name (lower case; empty = any);</li>
 * <li>{@code minScore}: tags scored below it do not count for the parts above (null = every tag counts).</li>
 * </ul>
 */
public record SubscriptionFilter(Set<String> pairs, Set<String> countries, CountryMode countryMode, Set<String> issues,
        String query, Set<String> languages, Set<String> sources, Double minScore) {

    public SubscriptionFilter {
        // shared strings and sets: a million filters mostly name the same few thousand codes
        pairs = Canonical.set(Set.copyOf(pairs));
        countries = Canonical.set(Set.copyOf(countries));
        countryMode = countryMode == null ? CountryMode.ANY : countryMode;
        issues = Canonical.set(Set.copyOf(issues));
        languages = languages == null ? Set.of() : Canonical.set(Set.copyOf(languages));
        sources = sources == null ? Set.of() : Canonical.set(Set.copyOf(sources));
    }

    /** Pairs, countries (any) and issues only: the filter of issue 4. */
    public static SubscriptionFilter of(Set<String> pairs, Set<String> countries, Set<String> issues) {
        return new SubscriptionFilter(pairs, countries, CountryMode.ANY, issues, null, Set.of(), Set.of(), null);
    }

    boolean hasWhere() {
        return !pairs.isEmpty() || !countries.isEmpty();
    }
}
