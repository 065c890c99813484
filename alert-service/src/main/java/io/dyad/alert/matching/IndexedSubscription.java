package io.dyad.alert.matching;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.Query;

/**
 * What the matcher needs of a subscription: its id, name and validated filter. A keyword query is parsed when the
 * subscription is made (so an unparseable stored query is refused there) and kept only until an index compiles it:
 * the index keeps its own compact form ({@link WordQuery}) and drops the parsed tree, which at a million
 * subscriptions took ~300 MB. Whoever asks {@link #query()} later (the preview, the slow path) gets it parsed again
 * from the stored string, once.
 */
public final class IndexedSubscription {

    private final UUID id;
    private final String name;
    private final SubscriptionFilter filter;
    /** a cache of the parsed {@code filter.query()}; null when there is none or an index took it */
    private volatile Query query;
    private volatile QueryAnchors anchors;

    public IndexedSubscription(UUID id, String name, SubscriptionFilter filter) {
        this.id = id;
        this.name = name;
        this.filter = Objects.requireNonNull(filter);
        if (filter.query() != null) {
            query = KeywordQueries.parse(filter.query());
        }
    }

    /** Pairs or countries (any), and issues: as before rich filters. */
    public IndexedSubscription(UUID id, String name, Set<String> pairs, Set<String> countries, Set<String> issues) {
        this(id, name, SubscriptionFilter.of(pairs, countries, issues));
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public SubscriptionFilter filter() {
        return filter;
    }

    /** The parsed keyword query, or null when the filter has none. */
    public Query query() {
        Query q = query;
        if (q == null && filter.query() != null) {
            q = KeywordQueries.parse(filter.query());
            query = q;
        }
        return q;
    }

    /** The query's anchors (see {@link QueryAnchors#of}), or null when it has none or no query. */
    public QueryAnchors anchors() {
        QueryAnchors a = anchors;
        if (a == null) {
            Query q = query();
            if (q == null) {
                return null;
            }
            a = QueryAnchors.of(q);
            anchors = a;
        }
        return a;
    }

    /** The parsed query (null when none), no longer cached here: an index keeps what it needs of it. */
    Query takeQuery() {
        Query q = query();
        query = null;
        anchors = null;
        return q;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexedSubscription s && Objects.equals(id, s.id) && Objects.equals(name, s.name)
                && filter.equals(s.filter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, filter);
    }

    @Override
    public String toString() {
        return "IndexedSubscription[id=" + id + ", name=" + name + ", filter=" + filter + "]";
    }
}
