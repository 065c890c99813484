package io.dyad.alert.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An immutable inverted index of subscriptions: pair → subscriptions and country → subscriptions. An article is
 * looked up by its pairs and countries, so only candidate subscriptions are checked, never all of them.
 * <p>
 * A subscription matches when the article carries one of its pairs (sorted form) or one of its countries, and —
 * when the subscription lists issues — one of its issues.
 */
public final class SubscriptionIndex {

    private static final SubscriptionIndex EMPTY = new SubscriptionIndex(Map.of(), Map.of(), 0);

    private final Map<String, List<IndexedSubscription>> byPair;
    private final Map<String, List<IndexedSubscription>> byCountry;
    private final int size;

    private SubscriptionIndex(Map<String, List<IndexedSubscription>> byPair,
            Map<String, List<IndexedSubscription>> byCountry, int size) {
        this.byPair = byPair;
        this.byCountry = byCountry;
        this.size = size;
    }

    public static SubscriptionIndex empty() {
        return EMPTY;
    }

    public static SubscriptionIndex of(Collection<IndexedSubscription> subscriptions) {
        Map<String, List<IndexedSubscription>> byPair = new HashMap<>();
        Map<String, List<IndexedSubscription>> byCountry = new HashMap<>();
        for (IndexedSubscription s : subscriptions) {
            for (String pair : s.pairs()) {
                byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(s);
            }
            for (String country : s.countries()) {
                byCountry.computeIfAbsent(country, k -> new ArrayList<>()).add(s);
            }
        }
        byPair.replaceAll((k, v) -> List.copyOf(v));
        byCountry.replaceAll((k, v) -> List.copyOf(v));
        return new SubscriptionIndex(Map.copyOf(byPair), Map.copyOf(byCountry), subscriptions.size());
    }

    /** Number of subscriptions indexed. */
    public int size() {
        return size;
    }

    /** The subscriptions {@code article} matches, each once, in no particular order. */
    public List<Match> match(ArticleTags article) {
        Map<UUID, IndexedSubscription> candidates = new LinkedHashMap<>();
        for (String pair : article.pairs()) {
            for (IndexedSubscription s : byPair.getOrDefault(pair, List.of())) {
                candidates.putIfAbsent(s.id(), s);
            }
        }
        for (String country : article.countries()) {
            for (IndexedSubscription s : byCountry.getOrDefault(country, List.of())) {
                candidates.putIfAbsent(s.id(), s);
            }
        }
        List<Match> matches = new ArrayList<>();
        for (IndexedSubscription s : candidates.values()) {
            List<String> issues = intersection(s.issues(), article.issues());
            if (!s.issues().isEmpty() && issues.isEmpty()) {
                continue;
            }
            matches.add(new Match(s, intersection(s.pairs(), article.pairs()),
                    intersection(s.countries(), article.countries()), issues));
        }
        return matches;
    }

    private static List<String> intersection(Set<String> wanted, Set<String> present) {
        TreeSet<String> out = new TreeSet<>();
        for (String value : wanted) {
            if (present.contains(value)) {
                out.add(value);
            }
        }
        return List.copyOf(out);
    }
}
