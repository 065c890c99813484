package io.dyad.alert.matching;

/**
 * What is left to check of a subscription reached through one of its keys, in one int stored next to its ordinal in
 * a check posting list, so most candidates are decided from the posting list alone instead of a random read of their
 * filter record and places (a cache miss or two per candidate, the largest cost of matching at a million
 * subscriptions). A key proves the place and the issue it was made of (unless it is the stand-in country of an "all":
 * then {@link #FULL}); what remains is the language set, the source set, the minimum score and the query:
 * <ul>
 * <li>the minimum score: a subscription is reached through every key of its places x issues the article carries,
 * so it meets its minimum exactly when the place and issue of one of those keys both do; a key whose tags fall
 * below it decides nothing (the index checks this before anything else);</li>
 * <li>the query: first up to two {@link WordChecks} stored after the int (words the article must hold, or of which
 * it must hold one), then the query itself.</li>
 * </ul>
 * Set numbers that do not fit their bits make the entry {@link #FULL}: always correct, only slower.
 * Layout: bit 0 FULL, 1 QUERY, 2–3 word checks, 4–11 minimum score number, 12–21 language set number + 1, 22–31
 * source set number + 1 (0 = none).
 */
final class Residual {

    static final int FULL = 1;
    static final int QUERY = 2;
    private static final int WORDS_SHIFT = 2;
    private static final int MIN_SHIFT = 4;
    private static final int MIN_LIMIT = 0xFF;
    private static final int LANGUAGE_SHIFT = 12;
    private static final int LANGUAGE_LIMIT = 0x3FF;
    private static final int SOURCE_SHIFT = 22;
    private static final int SOURCE_LIMIT = 0x3FF;

    private Residual() {
    }

    /**
     * The residual of a subscription with these filter parts; set and score numbers are those of
     * {@link CompiledFilters} (-1 = none for the sets, 0 = none for the score).
     */
    static int of(boolean query, int minScore, int languageSet, int sourceSet) {
        if (minScore > MIN_LIMIT || languageSet + 1 > LANGUAGE_LIMIT || sourceSet + 1 > SOURCE_LIMIT) {
            return FULL | (query ? QUERY : 0);
        }
        return (query ? QUERY : 0) | minScore << MIN_SHIFT
                | (languageSet + 1) << LANGUAGE_SHIFT | (sourceSet + 1) << SOURCE_SHIFT;
    }

    /** The residual with the number of {@link WordChecks} that follow it in its entry (0…{@link WordChecks#MAX}). */
    static int withWords(int residual, int words) {
        return residual | words << WORDS_SHIFT;
    }

    static int words(int residual) {
        return (residual >>> WORDS_SHIFT) & 3;
    }

    /** Ints the entry at {@code at} takes: the ordinal, its residual, its word checks. */
    static int entryLength(int[] entries, int at) {
        int p = at + 2;
        for (int k = words(entries[at + 1]); k > 0; k--) {
            p += WordChecks.length(entries, p);
        }
        return p - at;
    }

    static int minScore(int residual) {
        return (residual >>> MIN_SHIFT) & MIN_LIMIT;
    }

    /** the language set number + 1, 0 when the filter names no language */
    static int languageSet(int residual) {
        return (residual >>> LANGUAGE_SHIFT) & LANGUAGE_LIMIT;
    }

    /** the source set number + 1, 0 when the filter names no source */
    static int sourceSet(int residual) {
        return residual >>> SOURCE_SHIFT;
    }
}
