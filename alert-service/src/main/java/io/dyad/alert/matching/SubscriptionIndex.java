package io.dyad.alert.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable inverted index of subscriptions, so an article is checked against candidate subscriptions only, never
 * all of them. Each subscription is filed under keys an article must carry for it to match:
 * <ul>
 * <li>with pairs or countries: each pair and each country (for {@link CountryMode#ALL} one of them is enough, as the
 * article must carry all), combined with each issue when it lists issues ({@code "MX-US|trade"}), so an article only
 * reaches subscriptions whose place and issue it both carries;</li>
 * <li>with issues only: each issue ({@code "|trade"});</li>
 * <li>with only a keyword query: in the {@link KeywordMonitor}, whose presearcher finds the queries sharing a word with
 * the article.</li>
 * </ul>
 * Every candidate is then checked against its whole filter ({@link #evaluate}); a candidate's keyword query is first
 * checked by its {@link QueryAnchors} against the article's distinct words, and only then run against the article's
 * one-document in-memory index, built once per article and only when needed.
 */
public final class SubscriptionIndex {

    private static final SubscriptionIndex EMPTY = new SubscriptionIndex(new IndexedSubscription[0], Map.of(),
            new int[0], Map.of(), null, false);

    private final IndexedSubscription[] subscriptions;
    private final Map<String, int[]> postings;
    /** subscriptions with no key at all (not possible after validation; checked on every article to stay correct) */
    private final int[] unkeyed;
    /** monitor query id (the subscription id) → ordinal, for keyword-only subscriptions */
    private final Map<String, Integer> monitored;
    private final KeywordMonitor monitor;
    private final boolean ownsMonitor;

    private SubscriptionIndex(IndexedSubscription[] subscriptions, Map<String, int[]> postings, int[] unkeyed,
            Map<String, Integer> monitored, KeywordMonitor monitor, boolean ownsMonitor) {
        this.subscriptions = subscriptions;
        this.postings = postings;
        this.unkeyed = unkeyed;
        this.monitored = monitored;
        this.monitor = monitor;
        this.ownsMonitor = ownsMonitor;
    }

    public static SubscriptionIndex empty() {
        return EMPTY;
    }

    /** An index with a monitor of its own (tests, benchmarks): {@link #close()} it when done. */
    public static SubscriptionIndex of(Collection<IndexedSubscription> subscriptions) {
        boolean needsMonitor = subscriptions.stream().anyMatch(SubscriptionIndex::keywordOnly);
        return build(subscriptions, needsMonitor ? new KeywordMonitor() : null, needsMonitor);
    }

    /**
     * An index sharing the long-lived {@code monitor}, which is brought in line with these subscriptions (only the
     * changed keyword queries are re-registered).
     */
    public static SubscriptionIndex of(Collection<IndexedSubscription> subscriptions, KeywordMonitor monitor) {
        return build(subscriptions, monitor, false);
    }

    private static SubscriptionIndex build(Collection<IndexedSubscription> all, KeywordMonitor monitor,
            boolean ownsMonitor) {
        IndexedSubscription[] subs = all.toArray(IndexedSubscription[]::new);
        Map<String, IntList> lists = new HashMap<>();
        IntList unkeyed = new IntList();
        Map<String, Integer> monitored = new HashMap<>();
        Map<String, IndexedSubscription> monitorQueries = new HashMap<>();
        for (int ordinal = 0; ordinal < subs.length; ordinal++) {
            IndexedSubscription s = subs[ordinal];
            List<String> keys = keys(s.filter());
            if (!keys.isEmpty()) {
                for (String key : keys) {
                    lists.computeIfAbsent(key, k -> new IntList()).add(ordinal);
                }
            } else if (s.query() != null && monitor != null) {
                monitored.put(s.id().toString(), ordinal);
                monitorQueries.put(s.id().toString(), s);
            } else {
                unkeyed.add(ordinal);
            }
        }
        Map<String, int[]> postings = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> postings.put(k, v.toArray()));
        if (monitor != null) {
            monitor.sync(monitorQueries);
        }
        return new SubscriptionIndex(subs, postings, unkeyed.toArray(), monitored, monitor, ownsMonitor);
    }

    private static boolean keywordOnly(IndexedSubscription s) {
        return s.query() != null && keys(s.filter()).isEmpty();
    }

    /** The keys a subscription is filed under; empty for keyword-only subscriptions. */
    static List<String> keys(SubscriptionFilter f) {
        List<String> places = new ArrayList<>(f.pairs());
        if (f.countryMode() == CountryMode.ALL) {
            f.countries().stream().sorted().findFirst().ifPresent(places::add);
        } else {
            places.addAll(f.countries());
        }
        List<String> keys = new ArrayList<>();
        if (places.isEmpty()) {
            f.issues().forEach(issue -> keys.add("|" + issue));
        } else if (f.issues().isEmpty()) {
            keys.addAll(places);
        } else {
            for (String place : places) {
                for (String issue : f.issues()) {
                    keys.add(place + "|" + issue);
                }
            }
        }
        return keys;
    }

    /** Number of subscriptions indexed. */
    public int size() {
        return subscriptions.length;
    }

    /** Distinct keys in the inverted index (for the memory report). */
    public int keyCount() {
        return postings.size();
    }

    /** Subscriptions matched through the keyword monitor. */
    public int monitoredCount() {
        return monitored.size();
    }

    /** The subscriptions {@code article} matches, each once, in no particular order. */
    public List<Match> match(ArticleTags article) {
        IntList candidates = new IntList();
        for (String pair : article.pairs()) {
            addPlace(candidates, pair, article);
        }
        for (String country : article.countries()) {
            addPlace(candidates, country, article);
        }
        for (String issue : article.issues()) {
            candidates.addAll(postings.get("|" + issue));
        }
        candidates.addAll(unkeyed);
        int[] ordinals = candidates.sortedUnique();
        List<Match> matches = new ArrayList<>();
        for (int ordinal : ordinals) {
            Match m = evaluate(subscriptions[ordinal], article);
            if (m != null) {
                matches.add(m);
            }
        }
        if (!monitored.isEmpty()) {
            for (String id : monitor.match(article.text())) {
                Integer ordinal = monitored.get(id);
                if (ordinal != null) {
                    // the monitor already ran the query; check the rest of the filter without running it again
                    Match m = evaluate(subscriptions[ordinal], article, false);
                    if (m != null) {
                        matches.add(m);
                    }
                }
            }
        }
        return matches;
    }

    private void addPlace(IntList candidates, String place, ArticleTags article) {
        candidates.addAll(postings.get(place));
        for (String issue : article.issues()) {
            candidates.addAll(postings.get(place + "|" + issue));
        }
    }

    /** Whether {@code s}'s whole filter holds for {@code article}: the match and why, or null. */
    public static Match evaluate(IndexedSubscription s, ArticleTags article) {
        return evaluate(s, article, true);
    }

    private static Match evaluate(IndexedSubscription s, ArticleTags a, boolean runQuery) {
        SubscriptionFilter f = s.filter();
        Double min = f.minScore();
        if (!f.languages().isEmpty() && (a.language() == null || !f.languages().contains(a.language()))) {
            return null;
        }
        if (!f.sources().isEmpty() && a.sourceKeys().stream().noneMatch(f.sources()::contains)) {
            return null;
        }
        List<String> pairs = present(f.pairs(), p -> a.hasPair(p, min));
        List<String> countries = present(f.countries(), c -> a.hasCountry(c, min));
        if (f.countryMode() == CountryMode.ALL && countries.size() < f.countries().size()) {
            countries = List.of();
        }
        if (f.hasWhere() && pairs.isEmpty() && countries.isEmpty()) {
            return null;
        }
        List<String> issues = present(f.issues(), i -> a.hasIssue(i, min));
        if (!f.issues().isEmpty() && issues.isEmpty()) {
            return null;
        }
        if (runQuery && s.query() != null) {
            // the cheap word check first: most candidates' queries share no word with the article
            if (s.anchors() != null && !s.anchors().anyIn(a.text())) {
                return null;
            }
            if (!a.text().matches(s.query())) {
                return null;
            }
        }
        return new Match(s, pairs, countries, issues);
    }

    private static List<String> present(Set<String> wanted, java.util.function.Predicate<String> has) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(wanted.size());
        for (String value : wanted) {
            if (has.test(value)) {
                out.add(value);
            }
        }
        if (out.size() > 1) {
            out.sort(null);
        }
        return out;
    }

    /** Closes the monitor when this index made its own (see {@link #of(Collection)}). */
    public void close() {
        if (ownsMonitor && monitor != null) {
            monitor.close();
        }
    }

    /** A growable int array: postings and candidate lists without boxing. */
    static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(int[] more) {
            if (more == null || more.length == 0) {
                return;
            }
            if (size + more.length > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }

        /** The values sorted, each once: a subscription filed under several of the article's keys is checked once. */
        int[] sortedUnique() {
            int[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            int n = 0;
            for (int i = 0; i < out.length; i++) {
                if (n == 0 || out[i] != out[n - 1]) {
                    out[n++] = out[i];
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
    }
}
