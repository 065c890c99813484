package io.dyad.alert.matching;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The presearcher of keyword-only subscriptions (those with nothing else to index them by): each query is filed under
 * its {@link QueryAnchors} — words or prefixes of which an article must hold at least one for the query to match —
 * so an article reaches only the queries that share an anchor with its words. Queries without anchors (wildcards,
 * fuzzy terms) are reached by every article. Works on the article's words as {@link ArticleText} analysed them once,
 * shared with the candidates' own query checks.
 * <p>
 * Anchors are looked up by a 64-bit {@link Fingerprint} of the word in flat arrays, not in a map of strings: comparing
 * an article's word with a stored string cost a cache miss or two per word. Two words sharing a fingerprint only make a
 * query a candidate for nothing: every candidate's query is checked exactly afterwards.
 */
final class AnchorPostings {

    private final Fingerprints words;
    private final Fingerprints prefixes;
    /** the distinct lengths of the prefixes, so an article word is looked up once per length, not per prefix */
    private final int[] prefixLengths;
    /** entries of queries without anchors, one after the other */
    private final int[] everyArticle;

    private AnchorPostings(Builder b) {
        words = new Fingerprints(b.words);
        prefixes = new Fingerprints(b.prefixes);
        prefixLengths = b.prefixLengths.stream().mapToInt(Integer::intValue).toArray();
        everyArticle = b.everyArticle.toArray();
    }

    int size() {
        return words.size() + prefixes.size();
    }

    /** Where an entry starts in an array of entries. */
    @FunctionalInterface
    interface EntryConsumer {
        void accept(int[] entries, int at);
    }

    /**
     * Every entry (the index's check-posting entry: ordinal, {@link Residual}, {@link WordChecks}) whose query may find
     * {@code text}, possibly more than once.
     */
    void candidates(ArticleText text, EntryConsumer into) {
        forEach(everyArticle, 0, everyArticle.length, into);
        if (words.isEmpty() && prefixes.isEmpty()) {
            return;
        }
        candidates(text.titleWords(), into);
        candidates(text.textWords(), into);
    }

    private static void forEach(int[] entries, int from, int to, EntryConsumer into) {
        for (int at = from; at < to; at += Residual.entryLength(entries, at)) {
            into.accept(entries, at);
        }
    }

    private void candidates(ArticleWords field, EntryConsumer into) {
        for (int w = 0; w < field.size(); w++) {
            // the fingerprint as the article's analysis computed it: no hashing of the word again
            words.accept(field.fingerprint(w), into);
            if (prefixLengths.length == 0) {
                continue;
            }
            String word = field.word(w);
            int next = 0;
            long h = Fingerprint.SEED;
            for (int length : prefixLengths) {
                if (length > word.length()) {
                    break;
                }
                for (; next < length; next++) {
                    h = Fingerprint.step(h, word.charAt(next));
                }
                prefixes.accept(Fingerprint.finish(h), into);
            }
        }
    }

    /**
     * fingerprint → entries, open addressing over one long[] of (fingerprint, where its run starts << 32 | length)
     * slot pairs, so a look-up reads one cache line, and a hit one more: its run in the shared entries array.
     */
    private static final class Fingerprints {
        private final long[] slots;
        private final int[] entries;
        private final int mask;
        private final int size;

        Fingerprints(Map<String, SubscriptionIndex.IntList> lists) {
            Map<Long, SubscriptionIndex.IntList> merged = new HashMap<>();
            lists.forEach((word, found) -> {
                SubscriptionIndex.IntList into = merged.computeIfAbsent(Fingerprint.of(word),
                        k -> new SubscriptionIndex.IntList());
                for (int i = 0; i < found.size(); i++) {
                    into.add(found.get(i));
                }
            });
            int capacity = Integer.highestOneBit(Math.max(4, merged.size() * 2 - 1)) << 1;
            slots = new long[capacity * 2];
            mask = capacity - 1;
            size = merged.size();
            SubscriptionIndex.IntList all = new SubscriptionIndex.IntList();
            merged.forEach((key, found) -> {
                int slot = (int) key.longValue() & mask;
                while (slots[slot * 2] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot * 2] = key;
                slots[slot * 2 + 1] = (long) all.size() << 32 | found.size();
                for (int i = 0; i < found.size(); i++) {
                    all.add(found.get(i));
                }
            });
            entries = all.toArray();
        }

        void accept(long key, EntryConsumer into) {
            if (size == 0) {
                return;
            }
            int slot = (int) key & mask;
            while (true) {
                long k = slots[slot * 2];
                if (k == key) {
                    long run = slots[slot * 2 + 1];
                    int from = (int) (run >>> 32);
                    forEach(entries, from, from + (int) run, into);
                    return;
                }
                if (k == 0) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }
    }

    static final class Builder {
        private final Map<String, SubscriptionIndex.IntList> words = new HashMap<>();
        private final Map<String, SubscriptionIndex.IntList> prefixes = new HashMap<>();
        private final Set<Integer> prefixLengths = new TreeSet<>();
        private final SubscriptionIndex.IntList everyArticle = new SubscriptionIndex.IntList();

        /** Files one entry (ordinal, residual, word checks) under each of the query's anchors. */
        void add(int[] entry, QueryAnchors anchors) {
            if (anchors == null) {
                everyArticle.addAll(entry);
                return;
            }
            for (String word : new java.util.LinkedHashSet<>(anchors.words())) {
                words.computeIfAbsent(word, k -> new SubscriptionIndex.IntList()).addAll(entry);
            }
            for (String prefix : new java.util.LinkedHashSet<>(anchors.prefixes())) {
                prefixes.computeIfAbsent(prefix, k -> new SubscriptionIndex.IntList()).addAll(entry);
                prefixLengths.add(prefix.length());
            }
        }

        AnchorPostings build() {
            return new AnchorPostings(this);
        }
    }
}
