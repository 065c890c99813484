package io.dyad.alert.matching;

import java.util.Set;
import java.util.UUID;

/**
 * What the matcher needs of a subscription: its pairs (sorted form), countries and issues, all already validated.
 * An empty {@code issues} means any issue.
 */
public record IndexedSubscription(UUID id, String name, Set<String> pairs, Set<String> countries, Set<String> issues) {

    public IndexedSubscription {
        pairs = Set.copyOf(pairs);
        countries = Set.copyOf(countries);
        issues = Set.copyOf(issues);
    }
}
