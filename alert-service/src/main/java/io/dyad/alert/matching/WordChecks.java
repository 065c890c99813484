package io.dyad.alert.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * Up to {@link #MAX} words a query needs, stored in a posting entry after its {@link Residual}, so most candidates
 * are decided by probing the article's word tables, which stay in the core's cache, without reading the query itself
 * (two or three cache misses per candidate). Either all of them must be present (words every match needs:
 * {@code a AND b}, a phrase's words, {@code title:a}) or one of them ({@code a OR b}, or the query's anchors). When the
 * query is exactly that conjunction or disjunction ({@code a}, {@code a AND b}, {@code title:a}, {@code a OR b}), the
 * checks decide it ({@link #MATCH}); otherwise they only turn it away ({@link #NO}) or leave it to the query
 * ({@link #MAYBE}).
 * <p>
 * A check is {@code [fingerprint high, fingerprint low, meta, chars…]}: meta holds where the word must be (bits 0–1:
 * title, text, either, no field an article has), whether all checks must hold (bit 2), whether they decide the query
 * (bit 3, on the first check) and the word's length (bits 8–15); then the word's chars, two per int, so a fingerprint
 * hit is confirmed against the word itself and every answer is exact.
 */
final class WordChecks {

    static final int MAX = 2;
    static final int NO = 0;
    static final int MAYBE = 1;
    static final int MATCH = 2;
    private static final int[] NONE = new int[0];
    private static final int EITHER = 2;
    private static final int NOWHERE = 3;
    private static final int ALL_OF = 4;
    private static final int DECIDES = 8;
    private static final int MAX_LENGTH = 0xFF;

    private WordChecks() {
    }

    /** The checks for a query, its compiled form (or null) and its word precheck (or null); none when no query. */
    static int[] of(Query query, WordQuery exact, WordQuery precheck) {
        if (query == null) {
            return NONE;
        }
        if (exact != null) {
            int[] decided = encode(exact.conjunction(), ALL_OF | DECIDES);
            if (decided == null) {
                decided = encode(exact.disjunction(), DECIDES);
            }
            if (decided != null) {
                return decided;
            }
        }
        WordQuery words = exact != null ? exact : precheck;
        if (words != null) {
            List<WordQuery.Need> needs = new ArrayList<>();
            words.requiredWords(needs);
            List<WordQuery.Need> distinct = new ArrayList<>(new LinkedHashSet<>(needs));
            int[] required = encode(distinct.subList(0, Math.min(MAX, distinct.size())), ALL_OF);
            if (required != null) {
                return required;
            }
        }
        QueryAnchors anchors = QueryAnchors.of(query);
        if (anchors == null || !anchors.prefixes().isEmpty()) {
            return NONE;
        }
        List<WordQuery.Need> either = anchors.words().stream().distinct()
                .map(w -> new WordQuery.Need(WordQuery.Need.EITHER, w)).toList();
        int[] any = encode(either, 0);
        return any == null ? NONE : any;
    }

    /** The checks of these words (at most MAX distinct, none too long to store), or null. */
    private static int[] encode(List<WordQuery.Need> needs, int how) {
        if (needs == null || needs.isEmpty()) {
            return null;
        }
        List<WordQuery.Need> distinct = new ArrayList<>(new LinkedHashSet<>(needs));
        if (distinct.size() > MAX || distinct.stream().anyMatch(n -> n.word().length() > MAX_LENGTH)) {
            return null;
        }
        SubscriptionIndex.IntList out = new SubscriptionIndex.IntList();
        for (int i = 0; i < distinct.size(); i++) {
            WordQuery.Need need = distinct.get(i);
            String word = need.word();
            long fingerprint = Fingerprint.of(word);
            out.add((int) (fingerprint >>> 32));
            out.add((int) fingerprint);
            int meta = where(need.field()) | (how & ALL_OF) | (i == 0 ? how & DECIDES : 0) | word.length() << 8;
            out.add(meta);
            for (int c = 0; c < word.length(); c += 2) {
                out.add(word.charAt(c) << 16 | (c + 1 < word.length() ? word.charAt(c + 1) : 0));
            }
        }
        return out.toArray();
    }

    private static int where(int field) {
        return field == ArticleText.TITLE || field == ArticleText.TEXT ? field
                : field == WordQuery.Need.EITHER ? EITHER : NOWHERE;
    }

    /** How many checks {@code checks} (as {@link #of} made them) holds. */
    static int count(int[] checks) {
        int n = 0;
        for (int at = 0; at < checks.length; at += length(checks, at)) {
            n++;
        }
        return n;
    }

    /** Ints the check at {@code at} takes. */
    static int length(int[] entries, int at) {
        return 3 + (((entries[at + 2] >>> 8) & MAX_LENGTH) + 1) / 2;
    }

    /**
     * What the {@code count} checks stored at {@code at} say of the article: {@link #NO} (the query cannot match),
     * {@link #MATCH} (they decide it and it matches) or {@link #MAYBE} (run the query).
     */
    static int hold(int[] entries, int at, int count, ArticleText text) {
        int first = entries[at + 2];
        boolean allOf = (first & ALL_OF) != 0;
        boolean decided = allOf;
        int p = at;
        for (int k = 0; k < count; k++) {
            boolean has = has(entries, p, text);
            // all of them: one missing decides; one of them: one present decides
            if (has != allOf) {
                decided = has;
                break;
            }
            p += length(entries, p);
        }
        if (!decided) {
            return NO;
        }
        return (first & DECIDES) != 0 ? MATCH : MAYBE;
    }

    private static boolean has(int[] entries, int p, ArticleText text) {
        long fingerprint = (long) entries[p] << 32 | (entries[p + 1] & 0xFFFFFFFFL);
        int meta = entries[p + 2];
        int length = (meta >>> 8) & MAX_LENGTH;
        return switch (meta & 3) {
            case ArticleText.TITLE -> text.titleWords().contains(fingerprint, entries, p + 3, length);
            case ArticleText.TEXT -> text.textWords().contains(fingerprint, entries, p + 3, length);
            case EITHER -> text.titleWords().contains(fingerprint, entries, p + 3, length)
                    || text.textWords().contains(fingerprint, entries, p + 3, length);
            default -> false;
        };
    }
}
