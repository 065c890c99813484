package io.dyad.alert.matching;

/**
 * What is left to check of a subscription reached through one of its keys, in one int stored next to its ordinal in
 * a check posting list, so most candidates are decided from the posting list alone instead of a random read of their
 * filter record and places (a cache miss or two per candidate, the largest cost of matching at a million
 * subscriptions). A key proves the place and the issue it was made of (unless it is the stand-in country of an "all":
 * then {@link #FULL}); what remains is the language set, the source set, the minimum score and the query:
 * <ul>
 * <li>the minimum score: the key's own place and issue at or above it prove the whole structured filter; below it,
 * a subscription with no other place and issue ({@link #SOLE}) fails, any other gets the full check;</li>
 * <li>the query: first its anchor words (up to {@link #MAX_ANCHORS}, their fingerprints stored after the int), of
 * which the article must hold one, then the query itself.</li>
 * </ul>
 * Set numbers that do not fit their bits make the entry {@link #FULL}: always correct, only slower.
 * Layout: bit 0 FULL, 1 QUERY, 2 SOLE, 3–4 anchor count, 5–12 minimum score number, 13–21 language set number
 * + 1, 22–31 source set number + 1 (0 = none).
 */
final class Residual {

    static final int FULL = 1;
    static final int QUERY = 2;
    static final int SOLE = 4;
    static final int MAX_ANCHORS = 2;
    private static final int ANCHOR_SHIFT = 3;
    private static final int MIN_SHIFT = 5;
    private static final int MIN_LIMIT = 0xFF;
    private static final int LANGUAGE_SHIFT = 13;
    private static final int LANGUAGE_LIMIT = 0x1FF;
    private static final int SOURCE_SHIFT = 22;
    private static final int SOURCE_LIMIT = 0x3FF;

    private Residual() {
    }

    /**
     * The residual of a subscription with these filter parts; set and score numbers are those of
     * {@link CompiledFilters} (-1 = none for the sets, 0 = none for the score).
     */
    static int of(boolean query, boolean sole, int minScore, int languageSet, int sourceSet) {
        if (minScore > MIN_LIMIT || languageSet + 1 > LANGUAGE_LIMIT || sourceSet + 1 > SOURCE_LIMIT) {
            return FULL | (query ? QUERY : 0);
        }
        return (query ? QUERY : 0) | (sole ? SOLE : 0) | minScore << MIN_SHIFT
                | (languageSet + 1) << LANGUAGE_SHIFT | (sourceSet + 1) << SOURCE_SHIFT;
    }

    static int withAnchors(int residual, int anchors) {
        return residual | anchors << ANCHOR_SHIFT;
    }

    static int anchors(int residual) {
        return (residual >>> ANCHOR_SHIFT) & 3;
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
