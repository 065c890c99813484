package io.dyad.alert.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.Query;

/**
 * An immutable inverted index of subscriptions, so an article is checked against candidate subscriptions only, never
 * all of them. Each subscription is filed under int keys ({@link PlaceCodes}) an article must carry for it to match:
 * <ul>
 * <li>with pairs or countries: each pair and each country (for {@link CountryMode#ALL} one of them is enough, as the
 * article must carry all: the one fewest subscriptions name, a proxy for the rarest in the news), combined with each
 * issue when it lists issues ({@code MX-US|trade}), so an article only reaches subscriptions whose place and issue it
 * both carries;</li>
 * <li>with issues only: each issue;</li>
 * <li>with only a keyword query: under its {@link QueryAnchors} in {@link AnchorPostings}, so an article reaches
 * only the queries that share a word with it.</li>
 * </ul>
 * Under each key the postings are split in two. <b>Sure</b>: reaching the subscription through this key proves the
 * match (no language, source, minimum score or query, and the key is not the stand-in country of an "all"); these are
 * taken without any check. <b>Check</b>: the rest, each entry carrying what is left to check ({@link Residual}:
 * language and source sets, minimum score, query, {@link WordChecks}), so most are decided from the posting list alone;
 * only the stand-in country of an "all" reads the structured filter in {@link CompiledFilters}. A minimum score is
 * decided through the keys: a subscription is reached through every key of its places x issues the article carries,
 * and a key whose place or issue falls below the minimum decides nothing. Then, if they have one, their keyword query:
 * a query of words, prefixes, exact phrases and AND/OR/NOT is decided from the article's analysed words and positions
 * ({@link WordQuery}, {@link ArticleWords}); any other (sloppy phrases, wildcards, fuzzy terms) must first pass a
 * necessary condition in words, and only then runs on the article's one-document in-memory index. The article's text
 * is analysed once, for all of these. Ordinals are assigned so that
 * subscriptions sharing their first key are adjacent, so a posting list is read mostly in order. A subscription
 * whose codes do not parse (not possible after validation) is checked against every article with {@link #evaluate},
 * the reference rule.
 * <p>
 * {@link #match} answers the matched ordinals and builds each {@link Match} (with its sorted lists) only when the
 * caller reads it.
 * <p>
 * Changes need no rebuild of the whole: {@link #withChanges} answers a new index that shares these structures, with
 * tombstones on the changed and deleted subscriptions and a small delta index of the new and changed ones, matched
 * after the base. A periodic rebuild from scratch folds the delta in.
 */
public final class SubscriptionIndex {

    private static final SubscriptionIndex EMPTY = of(List.of());

    /** per-thread scratch: a bit per ordinal already reached for this article, cleared after each article */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final IndexedSubscription[] subscriptions;
    private final CompiledFilters filters;
    private final Postings sure;
    private final Postings check;
    private final int keyCount;
    /** subscriptions checked on every article with {@link #evaluate} (codes that do not parse, or nothing to key) */
    private final int[] unkeyed;
    /** keyword-only subscriptions by their queries' anchors */
    private final AnchorPostings keywordOnly;
    private final int keywordOnlyCount;
    /** by ordinal: the query decided from the article's words, or null (no query, or one that needs the index) */
    private final WordQuery[] wordQueries;
    /** by ordinal, for queries that need the index: a necessary condition in words checked first, or null */
    private final WordQuery[] prechecks;
    /** by ordinal, the parsed query only for those that need the article's in-memory index (phrases); else null */
    private final Query[] fullQueries;
    /** id → ordinal + 1 (0 = free), open addressing; found by comparing the subscription's id */
    private final int[] idTable;

    // the delta of changes since the base was built (see withChanges): all empty in a freshly built index
    /** a bit per base ordinal changed or deleted since (a tombstone), or null when none */
    private final long[] removed;
    private final int removedCount;
    /** how many of the tombstoned base subscriptions are keyword-only (for {@link #monitoredCount()}) */
    private final int removedKeywordOnly;
    /** the subscriptions added or changed since, by id, and their own small index (null when none) */
    private final Map<UUID, IndexedSubscription> deltaById;
    private final SubscriptionIndex delta;

    private SubscriptionIndex(IndexedSubscription[] subscriptions, CompiledFilters filters, Postings sure,
            Postings check, int keyCount, int[] unkeyed, AnchorPostings keywordOnly, int keywordOnlyCount,
            WordQuery[] wordQueries, WordQuery[] prechecks, Query[] fullQueries, int[] idTable) {
        this.subscriptions = subscriptions;
        this.filters = filters;
        this.sure = sure;
        this.check = check;
        this.keyCount = keyCount;
        this.unkeyed = unkeyed;
        this.keywordOnly = keywordOnly;
        this.keywordOnlyCount = keywordOnlyCount;
        this.wordQueries = wordQueries;
        this.prechecks = prechecks;
        this.fullQueries = fullQueries;
        this.idTable = idTable;
        this.removed = null;
        this.removedCount = 0;
        this.removedKeywordOnly = 0;
        this.deltaById = Map.of();
        this.delta = null;
    }

    /** {@code base}'s structures with another delta. */
    private SubscriptionIndex(SubscriptionIndex base, long[] removed, int removedCount, int removedKeywordOnly,
            Map<UUID, IndexedSubscription> deltaById, SubscriptionIndex delta) {
        this.subscriptions = base.subscriptions;
        this.filters = base.filters;
        this.sure = base.sure;
        this.check = base.check;
        this.keyCount = base.keyCount;
        this.unkeyed = base.unkeyed;
        this.keywordOnly = base.keywordOnly;
        this.keywordOnlyCount = base.keywordOnlyCount;
        this.wordQueries = base.wordQueries;
        this.prechecks = base.prechecks;
        this.fullQueries = base.fullQueries;
        this.idTable = base.idTable;
        this.removed = removed;
        this.removedCount = removedCount;
        this.removedKeywordOnly = removedKeywordOnly;
        this.deltaById = deltaById;
        this.delta = delta;
    }

    public static SubscriptionIndex empty() {
        return EMPTY;
    }

    /** The index of {@code subscriptions} (immutable; build a new one when they change). */
    public static SubscriptionIndex of(Collection<IndexedSubscription> subscriptions) {
        return build(subscriptions, true);
    }

    /**
     * This index with {@code changed} subscriptions added (or replacing those with the same id) and the subscriptions
     * with ids in {@code deleted} gone, without rebuilding the base: a changed or deleted base subscription gets a
     * tombstone, and the changed ones go to a small delta index, rebuilt with each call. Costs a copy of the
     * tombstone bits (n / 8 bytes) and a build of the delta. Rebuild from scratch ({@link #of}) when
     * {@link #pendingChanges()} grows large. This index itself does not change.
     */
    public SubscriptionIndex withChanges(Collection<IndexedSubscription> changed, Collection<UUID> deleted) {
        Map<UUID, IndexedSubscription> pending = new HashMap<>(deltaById);
        long[] gone = removed != null ? removed.clone() : new long[(subscriptions.length + 63) >>> 6];
        int goneCount = removedCount;
        int goneKeywordOnly = removedKeywordOnly;
        List<UUID> ids = new ArrayList<>(changed.size() + deleted.size());
        changed.forEach(s -> ids.add(s.id()));
        ids.addAll(deleted);
        for (UUID id : ids) {
            int o = ordinalOf(id);
            if (o >= 0 && (gone[o >>> 6] & 1L << o) == 0) {
                gone[o >>> 6] |= 1L << o;
                goneCount++;
                if (keywordOnly(subscriptions[o])) {
                    goneKeywordOnly++;
                }
            }
            pending.remove(id);
        }
        for (IndexedSubscription s : changed) {
            pending.put(s.id(), s);
        }
        // the delta keeps its parsed queries: it is small and rebuilt with every change
        SubscriptionIndex nextDelta = pending.isEmpty() ? null : build(pending.values(), false);
        return new SubscriptionIndex(this, goneCount == 0 ? null : gone, goneCount, goneKeywordOnly,
                Map.copyOf(pending), nextDelta);
    }

    /** Changes applied since the base was built (tombstones and delta subscriptions): how stale the base is. */
    public int pendingChanges() {
        return removedCount + deltaById.size();
    }

    /** The base ordinal of the subscription with this id, or -1 (tombstoned ones included). */
    private int ordinalOf(UUID id) {
        if (id == null || idTable.length == 0) {
            return -1;
        }
        int mask = idTable.length - 1;
        int slot = spread(id.hashCode()) & mask;
        while (true) {
            int entry = idTable[slot];
            if (entry == 0) {
                return -1;
            }
            if (id.equals(subscriptions[entry - 1].id())) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int[] idTable(IndexedSubscription[] subs) {
        if (subs.length == 0) {
            return new int[0];
        }
        int capacity = Integer.highestOneBit(Math.max(4, subs.length * 2 - 1)) << 1;
        int[] table = new int[capacity];
        int mask = capacity - 1;
        for (int o = 0; o < subs.length; o++) {
            if (subs[o].id() == null) {
                continue;
            }
            int slot = spread(subs[o].id().hashCode()) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = o + 1;
        }
        return table;
    }

    private static SubscriptionIndex build(Collection<IndexedSubscription> all, boolean dropParsedQueries) {
        IndexedSubscription[] input = all.toArray(IndexedSubscription[]::new);
        int n = input.length;
        CompiledFilters.Compiled[] compiled = new CompiledFilters.Compiled[n];
        int[] countryUse = new int[PlaceCodes.COUNTRIES];
        for (int i = 0; i < n; i++) {
            compiled[i] = CompiledFilters.Compiled.of(input[i].filter());
            if (compiled[i] != null) {
                for (int place : compiled[i].places()) {
                    if (place < PlaceCodes.PAIR_BASE) {
                        countryUse[place]++;
                    }
                }
            }
        }
        // keys per subscription; ordinals sorted by first key so posting lists are read mostly in order
        int[][] keys = new int[n][];
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = compiled[i] == null ? null : keys(compiled[i], input[i].filter(), countryUse);
            long first = keys[i] == null || keys[i].length == 0 ? Integer.MAX_VALUE : keys[i][0] >>> 1;
            order[i] = first << 32 | i;
        }
        Arrays.sort(order);
        IndexedSubscription[] subs = new IndexedSubscription[n];
        CompiledFilters.Builder filters = new CompiledFilters.Builder(n);
        Map<Integer, IntList> sureLists = new HashMap<>();
        Map<Integer, IntList> checkLists = new HashMap<>();
        IntList unkeyed = new IntList();
        AnchorPostings.Builder keywordOnly = new AnchorPostings.Builder();
        int keywordOnlyCount = 0;
        WordQuery[] wordQueries = new WordQuery[n];
        WordQuery[] prechecks = new WordQuery[n];
        Query[] fullQueries = new Query[n];
        for (int ordinal = 0; ordinal < n; ordinal++) {
            int i = (int) order[ordinal];
            IndexedSubscription s = input[i];
            subs[ordinal] = s;
            CompiledFilters.Compiled c = compiled[i] == null ? new CompiledFilters.Compiled(new int[0], 0, new int[0])
                    : compiled[i];
            filters.add(c, s.filter());
            // the parsed tree is kept only where nothing smaller decides the query
            Query query = dropParsedQueries ? s.takeQuery() : s.query();
            if (query != null) {
                wordQueries[ordinal] = WordQuery.of(query);
                if (wordQueries[ordinal] == null) {
                    prechecks[ordinal] = WordQuery.necessary(query);
                    fullQueries[ordinal] = query;
                }
            }
            if (keys[i] != null && keys[i].length > 0) {
                boolean plain = plain(s);
                int[] words = WordChecks.of(query, wordQueries[ordinal], prechecks[ordinal]);
                int residual = Residual.withWords(filters.residual(ordinal), WordChecks.count(words));
                for (int tagged : keys[i]) {
                    // low bit: this key alone does not prove the place (the stand-in country of an "all")
                    boolean unsure = (tagged & 1) != 0;
                    if (plain && !unsure) {
                        sureLists.computeIfAbsent(tagged >>> 1, k -> new IntList()).add(ordinal);
                        continue;
                    }
                    IntList entries = checkLists.computeIfAbsent(tagged >>> 1, k -> new IntList());
                    entries.add(ordinal);
                    entries.add(unsure ? residual | Residual.FULL : residual);
                    entries.addAll(words);
                }
            } else if (compiled[i] != null && keywordOnly(s)) {
                // the same entry as in a check posting list: a keyword-only filter has no place or issue to prove
                int[] words = WordChecks.of(query, wordQueries[ordinal], prechecks[ordinal]);
                IntList entry = new IntList();
                entry.add(ordinal);
                entry.add(Residual.withWords(filters.residual(ordinal), WordChecks.count(words)));
                entry.addAll(words);
                keywordOnly.add(entry.toArray(), QueryAnchors.of(query));
                keywordOnlyCount++;
            } else {
                unkeyed.add(ordinal);
            }
        }
        Set<Integer> allKeys = new HashSet<>(sureLists.keySet());
        allKeys.addAll(checkLists.keySet());
        return new SubscriptionIndex(subs, filters.build(), new Postings(sureLists), new Postings(checkLists),
                allKeys.size(), unkeyed.toArray(), keywordOnly.build(), keywordOnlyCount, wordQueries, prechecks,
                fullQueries, idTable(subs));
    }

    /** Nothing but places and issues: reaching it through a key that proves its place and issue is a match. */
    private static boolean plain(IndexedSubscription s) {
        SubscriptionFilter f = s.filter();
        return f.query() == null && f.languages().isEmpty() && f.sources().isEmpty() && f.minScore() == null;
    }

    private static boolean keywordOnly(IndexedSubscription s) {
        SubscriptionFilter f = s.filter();
        return f.query() != null && f.pairs().isEmpty() && f.countries().isEmpty() && f.issues().isEmpty();
    }

    /**
     * The keys a subscription is filed under, each shifted left by one with the low bit set when the key does not
     * prove the place on its own; empty for keyword-only subscriptions.
     */
    private static int[] keys(CompiledFilters.Compiled c, SubscriptionFilter f, int[] countryUse) {
        IntList places = new IntList();
        IntList unsure = new IntList();
        int standIn = -1;
        for (int place : c.places()) {
            if (place >= PlaceCodes.PAIR_BASE || f.countryMode() != CountryMode.ALL) {
                places.add(place);
            } else if (standIn < 0 || countryUse[place] < countryUse[standIn]
                    || (countryUse[place] == countryUse[standIn] && place < standIn)) {
                standIn = place;
            }
        }
        if (standIn >= 0) {
            places.add(standIn);
            unsure.add(standIn);
        }
        IntList keys = new IntList();
        if (places.size() == 0) {
            for (int issue : c.issues()) {
                keys.add(PlaceCodes.key(PlaceCodes.NO_PLACE, issue) << 1);
            }
        } else {
            for (int p = 0; p < places.size(); p++) {
                int place = places.get(p);
                int unsureBit = place == standIn ? 1 : 0;
                if (c.issues().length == 0) {
                    keys.add(PlaceCodes.key(place) << 1 | unsureBit);
                } else {
                    for (int issue : c.issues()) {
                        keys.add(PlaceCodes.key(place, issue) << 1 | unsureBit);
                    }
                }
            }
        }
        return keys.toArray();
    }

    /** Number of subscriptions indexed. */
    public int size() {
        return subscriptions.length - removedCount + (delta == null ? 0 : delta.size());
    }

    /** Distinct keys in the inverted index (for the memory report). */
    public int keyCount() {
        return keyCount;
    }

    /** Keyword-only subscriptions (found through their queries' anchors). */
    public int monitoredCount() {
        return keywordOnlyCount - removedKeywordOnly + (delta == null ? 0 : delta.monitoredCount());
    }

    /**
     * The subscriptions {@code article} matches, each once, in no particular order. The decision is made here; each
     * {@link Match} (its sorted pairs, countries and issues) is built when the list element is read.
     */
    public List<Match> match(ArticleTags article) {
        int[] found = matchOrdinals(article);
        if (removed != null) {
            found = withoutRemoved(found);
        }
        if (delta == null) {
            return new MatchList(subscriptions, found, article);
        }
        return new MatchList(subscriptions, found, delta.subscriptions, delta.matchOrdinals(article), article);
    }

    private int[] withoutRemoved(int[] found) {
        int n = 0;
        for (int o : found) {
            if ((removed[o >>> 6] & 1L << o) == 0) {
                found[n++] = o;
            }
        }
        return n == found.length ? found : Arrays.copyOf(found, n);
    }

    /** The base ordinals of the subscriptions {@code article} matches, tombstoned ones included (see {@link #match}). */
    private int[] matchOrdinals(ArticleTags article) {
        if (subscriptions.length == 0) {
            return new int[0];
        }
        Scratch scratch = SCRATCH.get();
        scratch.reset(subscriptions.length);
        try {
            ArticleProbe probe = article.probe();
            int language = filters.languageId(article.language());
            int[] sources = filters.sourceIds(article.sourceKeys());
            for (int p = 0; p < probe.pairCodes.length; p++) {
                collectPlace(scratch, probe.pairCodes[p], probe.pairScores[p], probe, article, language, sources);
            }
            for (int country : probe.countries) {
                collectPlace(scratch, country, probe.countryScores[country], probe, article, language, sources);
            }
            for (int issue : probe.issues) {
                collect(scratch, PlaceCodes.key(PlaceCodes.NO_PLACE, issue), NO_CONDITION, probe.issueScores[issue],
                        probe, article, language, sources);
            }
            for (int ordinal : unkeyed) {
                if (scratch.firstVisit(ordinal) && evaluate(subscriptions[ordinal], article) != null) {
                    scratch.matched.add(ordinal);
                }
            }
            if (keywordOnlyCount > 0) {
                keywordOnly.candidates(article.text(), (entries, at) -> {
                    int ordinal = entries[at];
                    // no place or issue, so a minimum score has nothing to apply to
                    if (scratch.firstVisit(ordinal)
                            && holds(ordinal, entries[at + 1], entries, at + 2, probe, article, language, sources)) {
                        scratch.matched.add(ordinal);
                    }
                });
            }
            return scratch.matched.toArray();
        } finally {
            scratch.clear();
        }
    }

    /** The place's keys: alone and with each of the article's issues, with the scores of the key's tags. */
    private void collectPlace(Scratch scratch, int place, double placeScore, ArticleProbe probe, ArticleTags article,
            int language, int[] sources) {
        collect(scratch, PlaceCodes.key(place), placeScore, NO_CONDITION, probe, article, language, sources);
        for (int issue : probe.issues) {
            collect(scratch, PlaceCodes.key(place, issue), placeScore, probe.issueScores[issue], probe, article,
                    language, sources);
        }
    }

    /** the score of a key's missing part (no place, or no issue): meets every minimum */
    private static final double NO_CONDITION = Double.POSITIVE_INFINITY;

    private void collect(Scratch scratch, int key, double placeScore, double issueScore, ArticleProbe probe,
            ArticleTags article, int language, int[] sources) {
        for (int ordinal : sure.get(key)) {
            if (scratch.firstVisit(ordinal)) {
                scratch.matched.add(ordinal);
            }
        }
        int[] entries = check.get(key);
        for (int i = 0; i < entries.length;) {
            int ordinal = entries[i];
            int residual = entries[i + 1];
            int wordsAt = i + 2;
            i += Residual.entryLength(entries, i);
            if (scratch.reached(ordinal)) {
                continue;
            }
            int min = Residual.minScore(residual);
            if (min != 0 && (residual & Residual.FULL) == 0) {
                // A subscription is reached through every key of its places x issues the article carries, so it
                // meets its minimum score exactly when one of those keys' place and issue both meet it: this key
                // decides nothing when they do not (and the subscription stays unreached). NaN-free: the key's tags
                // are carried, and a carried NaN score is -∞, which fails every minimum.
                double minimum = filters.minScore(min);
                if (!(placeScore >= minimum && issueScore >= minimum)) {
                    continue;
                }
            }
            scratch.reach(ordinal);
            if (holds(ordinal, residual, entries, wordsAt, probe, article, language, sources)) {
                scratch.matched.add(ordinal);
            }
        }
    }

    /**
     * Whether a candidate whose place, issue and minimum score the key proved (unless its {@link Residual} says
     * {@link Residual#FULL}) matches, checking what is left: the same decision as {@link #evaluate}, mostly without
     * reading its filter record.
     */
    private boolean holds(int ordinal, int residual, int[] entries, int wordsAt, ArticleProbe probe,
            ArticleTags article, int language, int[] sources) {
        if ((residual & Residual.FULL) != 0) {
            if (!filters.passes(ordinal, probe, language, sources)) {
                return false;
            }
        } else {
            int languages = Residual.languageSet(residual);
            if (languages != 0 && !filters.languageSetHas(languages - 1, language)) {
                return false;
            }
            int sourceSet = Residual.sourceSet(residual);
            if (sourceSet != 0 && !filters.sourceSetMeets(sourceSet - 1, sources)) {
                return false;
            }
        }
        if ((residual & Residual.QUERY) == 0) {
            return true;
        }
        int words = Residual.words(residual);
        if (words > 0) {
            int said = WordChecks.hold(entries, wordsAt, words, article.text());
            if (said != WordChecks.MAYBE) {
                return said == WordChecks.MATCH;
            }
        }
        return queryFinds(ordinal, article.text());
    }

    private boolean queryFinds(int ordinal, ArticleText text) {
        WordQuery words = wordQueries[ordinal];
        if (words != null) {
            return words.matches(text);
        }
        // cheap word checks first: most candidates' phrases lack one of their words (a condition at least as strict
        // as the query's anchors)
        WordQuery precheck = prechecks[ordinal];
        if (precheck != null && !precheck.matches(text)) {
            return false;
        }
        return text.matches(fullQueries[ordinal]);
    }

    /** Whether {@code s}'s whole filter holds for {@code article}: the match and why, or null. */
    public static Match evaluate(IndexedSubscription s, ArticleTags article) {
        return evaluate(s, article, true);
    }

    static Match evaluate(IndexedSubscription s, ArticleTags a, boolean runQuery) {
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

        int size() {
            return size;
        }

        int get(int i) {
            return values[i];
        }

        void clear() {
            size = 0;
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

    /** A bit per ordinal reached for the current article, and the ordinals matched; reused by one thread. */
    private static final class Scratch {
        private long[] reached = new long[0];
        private int words;
        /** the ordinals reached, while fewer than an eighth of {@code words}; beyond that, a fill clears faster */
        private final IntList visited = new IntList();
        private boolean manyVisited;
        final IntList matched = new IntList();

        void reset(int ordinals) {
            words = (ordinals + 63) >>> 6;
            if (reached.length < words) {
                reached = new long[words];
            }
        }

        /** True the first time {@code ordinal} is reached for this article (and it is reached from now on). */
        boolean firstVisit(int ordinal) {
            if (reached(ordinal)) {
                return false;
            }
            reach(ordinal);
            return true;
        }

        boolean reached(int ordinal) {
            return (reached[ordinal >>> 6] & 1L << ordinal) != 0;
        }

        /** Marks {@code ordinal} reached (decided for this article); it must not be reached yet. */
        void reach(int ordinal) {
            reached[ordinal >>> 6] |= 1L << ordinal;
            if (!manyVisited) {
                if (visited.size() < words >>> 3) {
                    visited.add(ordinal);
                } else {
                    manyVisited = true;
                }
            }
        }

        /** Clears the bits set: one by one when few, else the whole bit set (a sequential fill). */
        void clear() {
            if (manyVisited) {
                Arrays.fill(reached, 0, words, 0L);
            } else {
                for (int i = 0; i < visited.size(); i++) {
                    int ordinal = visited.get(i);
                    reached[ordinal >>> 6] &= ~(1L << ordinal);
                }
            }
            manyVisited = false;
            visited.clear();
            matched.clear();
            // a burst article must not pin a huge buffer for ever
            if (matched.values.length > 1 << 20) {
                matched.values = new int[8];
            }
        }
    }
}
