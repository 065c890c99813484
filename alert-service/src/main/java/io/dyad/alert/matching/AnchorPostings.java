package io.dyad.alert.matching;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * The presearcher of keyword-only subscriptions (those with nothing else to index them by): each query is filed under
 * its {@link QueryAnchors} — words or prefixes of which an article must hold at least one for the query to match —
 * so an article reaches only the queries that share an anchor with its words. Queries without anchors (wildcards,
 * fuzzy terms) are reached by every article. Works on the article's words as {@link ArticleText} analysed them once,
 * shared with the candidates' own query checks.
 */
final class AnchorPostings {

    private final Map<String, int[]> words;
    private final Map<String, int[]> prefixes;
    /** the distinct lengths of the prefixes, so an article word is looked up once per length, not per prefix */
    private final int[] prefixLengths;
    private final int[] everyArticle;

    private AnchorPostings(Builder b) {
        words = freeze(b.words);
        prefixes = freeze(b.prefixes);
        prefixLengths = b.prefixLengths.stream().mapToInt(Integer::intValue).toArray();
        everyArticle = b.everyArticle.toArray();
    }

    int size() {
        return words.size() + prefixes.size();
    }

    /** Every ordinal whose query may find {@code text}, possibly more than once. */
    void candidates(ArticleText text, IntConsumer into) {
        for (int ordinal : everyArticle) {
            into.accept(ordinal);
        }
        if (words.isEmpty() && prefixes.isEmpty()) {
            return;
        }
        for (String field : KeywordQueries.FIELDS_IN_ORDER) {
            for (String word : text.words(field)) {
                int[] found = words.get(word);
                if (found != null) {
                    for (int ordinal : found) {
                        into.accept(ordinal);
                    }
                }
                for (int length : prefixLengths) {
                    if (length > word.length()) {
                        break;
                    }
                    found = prefixes.get(word.substring(0, length));
                    if (found != null) {
                        for (int ordinal : found) {
                            into.accept(ordinal);
                        }
                    }
                }
            }
        }
    }

    private static Map<String, int[]> freeze(Map<String, SubscriptionIndex.IntList> lists) {
        Map<String, int[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> out.put(k, v.toArray()));
        return out;
    }

    static final class Builder {
        private final Map<String, SubscriptionIndex.IntList> words = new HashMap<>();
        private final Map<String, SubscriptionIndex.IntList> prefixes = new HashMap<>();
        private final Set<Integer> prefixLengths = new TreeSet<>();
        private final SubscriptionIndex.IntList everyArticle = new SubscriptionIndex.IntList();

        void add(int ordinal, QueryAnchors anchors) {
            if (anchors == null) {
                everyArticle.add(ordinal);
                return;
            }
            for (String word : new java.util.LinkedHashSet<>(anchors.words())) {
                words.computeIfAbsent(word, k -> new SubscriptionIndex.IntList()).add(ordinal);
            }
            for (String prefix : new java.util.LinkedHashSet<>(anchors.prefixes())) {
                prefixes.computeIfAbsent(prefix, k -> new SubscriptionIndex.IntList()).add(ordinal);
                prefixLengths.add(prefix.length());
            }
        }

        AnchorPostings build() {
            return new AnchorPostings(this);
        }
    }
}
