package io.dyad.alert.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * Up to {@link #MAX} words a query needs, stored in a posting entry after its {@link Residual} (three ints each: the
 * word's {@link Fingerprint}, high and low half, then where it must be and how the words combine), so most candidates
 * whose query cannot match are turned away by probing the article's word tables, which stay in the core's cache,
 * without reading the query itself (two or three cache misses per candidate). Either all of them must be present
 * (words every match needs: {@code a AND b}, a phrase's words, {@code title:a}) or one of them (the query's anchors,
 * {@code a OR b}). A fingerprint only says "maybe present": a word that passes is checked exactly by the query.
 */
final class WordChecks {

    static final int INTS = 3;
    static final int MAX = 2;
    private static final int[] NONE = new int[0];
    /** where: a field number of {@link ArticleText} (title 0, text 1), either of them 2, no field an article has 3 */
    private static final int EITHER = 2;
    private static final int NOWHERE = 3;
    private static final int ALL_OF = 4;

    private WordChecks() {
    }

    /** The checks for a query, its compiled form (or null) and its word precheck (or null); none when no query. */
    static int[] of(Query query, WordQuery exact, WordQuery precheck) {
        if (query == null) {
            return NONE;
        }
        WordQuery decided = exact != null ? exact : precheck;
        if (decided != null) {
            List<WordQuery.Need> needs = new ArrayList<>();
            decided.requiredWords(needs);
            Set<WordQuery.Need> distinct = new LinkedHashSet<>(needs);
            if (!distinct.isEmpty()) {
                List<WordQuery.Need> some = new ArrayList<>(distinct).subList(0, Math.min(MAX, distinct.size()));
                int[] out = new int[some.size() * INTS];
                for (int i = 0; i < some.size(); i++) {
                    WordQuery.Need need = some.get(i);
                    put(out, i, need.word(), where(need.field()) | ALL_OF);
                }
                return out;
            }
        }
        QueryAnchors anchors = QueryAnchors.of(query);
        if (anchors == null || !anchors.prefixes().isEmpty()) {
            return NONE;
        }
        List<String> words = anchors.words().stream().distinct().toList();
        if (words.isEmpty() || words.size() > MAX) {
            return NONE;
        }
        int[] out = new int[words.size() * INTS];
        for (int i = 0; i < words.size(); i++) {
            put(out, i, words.get(i), EITHER);
        }
        return out;
    }

    private static int where(int field) {
        return field == ArticleText.TITLE || field == ArticleText.TEXT ? field
                : field == WordQuery.Need.EITHER ? EITHER : NOWHERE;
    }

    private static void put(int[] out, int i, String word, int how) {
        long fingerprint = Fingerprint.of(word);
        out[i * INTS] = (int) (fingerprint >>> 32);
        out[i * INTS + 1] = (int) fingerprint;
        out[i * INTS + 2] = how;
    }

    /** Whether the {@code count} checks stored at {@code at} may hold for the article (false: the query cannot match). */
    static boolean hold(int[] entries, int at, int count, ArticleText text) {
        boolean allOf = (entries[at + 2] & ALL_OF) != 0;
        for (int k = 0; k < count; k++) {
            int p = at + k * INTS;
            long fingerprint = (long) entries[p] << 32 | (entries[p + 1] & 0xFFFFFFFFL);
            int where = entries[p + 2] & 3;
            boolean has = switch (where) {
                case ArticleText.TITLE -> text.titleWords().mayContain(fingerprint);
                case ArticleText.TEXT -> text.textWords().mayContain(fingerprint);
                case EITHER -> text.mayHave(fingerprint);
                default -> false;
            };
            // all of them: one missing decides; one of them: one present decides
            if (has != allOf) {
                return has;
            }
        }
        return allOf;
    }
}
