package io.dyad.alert.matching;

import java.util.List;

/**
 * A subscription an article matched, and why: the subscription's pairs and countries the article carries and the
 * subscription's issues it carries (empty when the subscription asks for any issue). Lists are sorted.
 */
public record Match(IndexedSubscription subscription, List<String> pairs, List<String> countries,
        List<String> issues) {

    public Match {
        pairs = List.copyOf(pairs);
        countries = List.copyOf(countries);
        issues = List.copyOf(issues);
    }
}
