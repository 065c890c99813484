package io.dyad.alert.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structured parts of every indexed filter (places, country mode, issues, languages, sources, minimum score) as
 * primitive arrays indexed by ordinal, so checking a candidate allocates nothing and touches little memory: one
 * 16-byte record per subscription (flags and issue bits, where its places start and end, its minimum score's number
 * in a table of the distinct minimums), then its places. Languages and sources are interned to ints, and each
 * distinct set of them is stored once. The keyword query is not here: the index checks it last.
 */
final class CompiledFilters {

    static final byte ALL_COUNTRIES = 1;
    static final byte LANGUAGES = 2;
    static final byte SOURCES = 4;
    static final byte QUERY = 8;
    private static final int ISSUE_BITS = (1 << 24) - 1;

    static {
        if (PlaceCodes.ISSUES > 24) {
            throw new IllegalStateException("issue bits must fit in 24 bits of the record");
        }
    }

    private static final int STRIDE = 4;
    /**
     * per ordinal o at o * STRIDE: flags << 24 | issue bits; first place; language set number << 8 | number of places
     * (≤ 200 after validation); minimum score number. The language set is in the record, not in an array of its own,
     * as that array cost a cache miss per candidate naming languages (~11 % of the benchmark's CPU samples).
     */
    private final int[] records;
    /** the distinct minimum scores; number 0 is "none" (-∞, every tag counts) */
    private final double[] minScores;
    /** pair and country codes, a run per ordinal */
    private final int[] places;
    private final int[][] languageSets;
    private final int[] sourceSet;
    private final int[][] sourceSets;
    private final Map<String, Integer> languageIds;
    private final Map<String, Integer> sourceIds;

    private CompiledFilters(Builder b) {
        int n = b.count;
        records = Arrays.copyOf(b.records, n * STRIDE);
        minScores = b.minScores.stream().mapToDouble(Double::doubleValue).toArray();
        places = b.places.toArray();
        sourceSet = Arrays.copyOf(b.sourceSet, n);
        languageSets = b.languageSets.toArray(int[][]::new);
        sourceSets = b.sourceSets.toArray(int[][]::new);
        languageIds = Map.copyOf(b.languageIds);
        sourceIds = Map.copyOf(b.sourceIds);
    }

    /** The article's language as an interned id, -1 when no subscription names it (or it has none). */
    int languageId(String language) {
        Integer id = language == null ? null : languageIds.get(language);
        return id == null ? -1 : id;
    }

    /** The article's source keys as interned ids (those some subscription names), sorted. */
    int[] sourceIds(Set<String> keys) {
        int[] out = new int[keys.size()];
        int n = 0;
        for (String key : keys) {
            Integer id = sourceIds.get(key);
            if (id != null) {
                out[n++] = id;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /**
     * Whether the structured filter of {@code o} holds for the article, exactly as
     * {@link SubscriptionIndex#evaluate} decides it (the query aside).
     */
    boolean passes(int o, ArticleProbe a, int language, int[] sources) {
        int r = o * STRIDE;
        int head = records[r];
        int f = head >>> 24;
        int meta = records[r + 2];
        if ((f & LANGUAGES) != 0 && (language < 0 || Arrays.binarySearch(languageSets[meta >>> 8], language) < 0)) {
            return false;
        }
        if ((f & SOURCES) != 0 && !intersects(sourceSets[sourceSet[o]], sources)) {
            return false;
        }
        double min = minScores[records[r + 3]];
        int from = records[r + 1];
        int to = from + (meta & 0xFF);
        if (from < to) {
            boolean pair = false;
            int countries = 0;
            int present = 0;
            for (int i = from; i < to; i++) {
                int code = places[i];
                if (code >= PlaceCodes.PAIR_BASE) {
                    // NaN (not carried) fails every comparison
                    pair |= a.pairScore(code) >= min;
                } else {
                    countries++;
                    if (a.countryScores[code] >= min) {
                        present++;
                    }
                }
            }
            boolean where = pair || ((f & ALL_COUNTRIES) != 0 ? countries > 0 && present == countries : present > 0);
            if (!where) {
                return false;
            }
        }
        int mask = head & ISSUE_BITS;
        if (mask != 0) {
            for (int issue : a.issues) {
                if ((mask & (1 << issue)) != 0 && a.issueScores[issue] >= min) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** Whether language set number {@code set} holds the article's {@code language} (-1: none named). */
    boolean languageSetHas(int set, int language) {
        return language >= 0 && Arrays.binarySearch(languageSets[set], language) >= 0;
    }

    /** Whether source set number {@code set} names one of the article's {@code sources}. */
    boolean sourceSetMeets(int set, int[] sources) {
        return intersects(sourceSets[set], sources);
    }

    /** Minimum score number {@code id} (0: none, -∞). */
    double minScore(int id) {
        return minScores[id];
    }

    private static boolean intersects(int[] sortedWanted, int[] sortedHave) {
        for (int id : sortedHave) {
            if (Arrays.binarySearch(sortedWanted, id) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Appends compiled filters in ordinal order. */
    static final class Builder {
        private int count;
        private int[] records = new int[0];
        private final List<Double> minScores = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY));
        private final Map<Double, Integer> minScoreIds = new HashMap<>();
        private final SubscriptionIndex.IntList places = new SubscriptionIndex.IntList();
        private int[] sourceSet = new int[16];
        private final List<int[]> languageSets = new ArrayList<>();
        private final List<int[]> sourceSets = new ArrayList<>();
        private final Map<List<Integer>, Integer> languageSetIds = new HashMap<>();
        private final Map<List<Integer>, Integer> sourceSetIds = new HashMap<>();
        private final Map<String, Integer> languageIds = new HashMap<>();
        private final Map<String, Integer> sourceIds = new HashMap<>();

        Builder(int expected) {
            grow(Math.max(16, expected));
        }

        /** Adds {@code c} as the next ordinal. */
        void add(Compiled c, SubscriptionFilter f) {
            if (count == sourceSet.length) {
                grow(count * 2);
            }
            int o = count++;
            byte bits = 0;
            int languages = 0;
            if (f.countryMode() == CountryMode.ALL) {
                bits |= ALL_COUNTRIES;
            }
            if (!f.languages().isEmpty()) {
                bits |= LANGUAGES;
                languages = setId(f.languages(), languageIds, languageSets, languageSetIds);
                if (languages >= 1 << 24) {
                    throw new IllegalStateException("more than 2^24 distinct language sets");
                }
            }
            if (!f.sources().isEmpty()) {
                bits |= SOURCES;
                sourceSet[o] = setId(f.sources(), sourceIds, sourceSets, sourceSetIds);
            }
            if (f.query() != null) {
                bits |= QUERY;
            }
            int r = o * STRIDE;
            records[r] = bits << 24 | c.issueMask();
            records[r + 1] = places.size();
            for (int place : c.places()) {
                places.add(place);
            }
            int count = places.size() - records[r + 1];
            if (count > 0xFF) {
                throw new IllegalStateException("more than 255 places in one filter (validation allows 200)");
            }
            records[r + 2] = languages << 8 | count;
            records[r + 3] = f.minScore() == null ? 0 : minScoreIds.computeIfAbsent(f.minScore(), m -> {
                minScores.add(m);
                return minScores.size() - 1;
            });
        }

        CompiledFilters build() {
            return new CompiledFilters(this);
        }

        /** What is left to check of ordinal {@code o} when reached through a key of its place and issue. */
        int residual(int o) {
            int r = o * STRIDE;
            int f = records[r] >>> 24;
            int meta = records[r + 2];
            return Residual.of((f & QUERY) != 0, records[r + 3], (f & LANGUAGES) != 0 ? meta >>> 8 : -1,
                    (f & SOURCES) != 0 ? sourceSet[o] : -1);
        }

        private void grow(int capacity) {
            records = Arrays.copyOf(records, capacity * STRIDE);
            sourceSet = Arrays.copyOf(sourceSet, capacity);
        }

        private static int setId(Set<String> values, Map<String, Integer> ids, List<int[]> sets,
                Map<List<Integer>, Integer> setIds) {
            int[] set = new int[values.size()];
            int n = 0;
            for (String v : values) {
                set[n++] = ids.computeIfAbsent(v, k -> ids.size());
            }
            Arrays.sort(set);
            List<Integer> key = Arrays.stream(set).boxed().toList();
            return setIds.computeIfAbsent(key, k -> {
                sets.add(set);
                return sets.size() - 1;
            });
        }
    }

    /** A subscription's places (pair and country codes) and issues as a bit mask; see {@link PlaceCodes}. */
    record Compiled(int[] places, int issueMask, int[] issues) {

        /** The compiled form, or null when a code does not parse (then the subscription is checked the slow way). */
        static Compiled of(SubscriptionFilter f) {
            int[] places = new int[f.pairs().size() + f.countries().size()];
            int n = 0;
            for (String pair : f.pairs()) {
                int code = PlaceCodes.pair(pair);
                if (code < 0) {
                    return null;
                }
                places[n++] = code;
            }
            for (String country : f.countries()) {
                int code = PlaceCodes.country(country);
                if (code < 0) {
                    return null;
                }
                places[n++] = code;
            }
            int mask = 0;
            int[] issues = new int[f.issues().size()];
            int i = 0;
            for (String issue : f.issues()) {
                int id = PlaceCodes.issue(issue);
                if (id < 0) {
                    return null;
                }
                mask |= 1 << id;
                issues[i++] = id;
            }
            Arrays.sort(issues);
            return new Compiled(places, mask, issues);
        }
    }
}
