package io.dyad.alert.matching;

import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.Query;

/**
 * What the matcher needs of a subscription: its validated filter and, when the filter has a keyword query, that query
 * parsed once (at index build time, not per article).
 */
public record IndexedSubscription(UUID id, String name, SubscriptionFilter filter, Query query,
        QueryAnchors anchors) {

    public IndexedSubscription {
        if (query == null && filter.query() != null) {
            query = KeywordQueries.parse(filter.query());
        }
        if (query != null && anchors == null) {
            anchors = QueryAnchors.of(query);
        }
    }

    public IndexedSubscription(UUID id, String name, SubscriptionFilter filter) {
        this(id, name, filter, null, null);
    }

    /** Pairs or countries (any), and issues: as before rich filters. */
    public IndexedSubscription(UUID id, String name, Set<String> pairs, Set<String> countries, Set<String> issues) {
        this(id, name, SubscriptionFilter.of(pairs, countries, issues), null, null);
    }

    public Set<String> pairs() {
        return filter.pairs();
    }

    public Set<String> countries() {
        return filter.countries();
    }

    public Set<String> issues() {
        return filter.issues();
    }
}
