package io.dyad.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compact index (sure/check postings, primitive filter checks, word queries, anchor presearch, the slow path)
 * finds exactly what checking every subscription one by one with {@link SubscriptionIndex#evaluate} finds — the same
 * subscriptions with the same matched pairs, countries and issues — over random subscriptions using every part of a
 * filter and random articles drawn from small vocabularies, so that most parts match often.
 */
class IndexEquivalenceMatchingTest {

    private static final String[] COUNTRIES = {"MX", "US", "CA", "JP", "BR", "FR", "DE"};
    private static final String[] ISSUES = {"trade", "migration", "energy", "border", "health"};
    private static final String[] WORDS = {"steel", "tariff", "tariffs", "acero", "migración", "trade", "deal",
            "accord", "war", "opinion", "border", "stel", "steels", "Trade", "TARIFA", "deals", "wall"};
    private static final String[] QUERIES = {"steel", "tariff*", "steel AND tariffs", "steel OR acero",
            "steel NOT opinion", "title:steel", "text:deal", "\"steel tariffs\"", "title:\"trade deal\"", "migración",
            "st?el", "stel~1", "(steel OR acero) AND NOT title:opinion", "+trade -war", "trad* AND (deal OR accord)",
            "title:tar*", "deal OR title:war", "tariff* NOT steel", "Tarif*", "wall AND (opinion OR NOT war)"};
    private static final String[] SOURCES = {"src-a", "src-b", "example wire"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theIndexFindsExactlyWhatCheckingEverySubscriptionFinds(long seed) {
        Random random = new Random(seed);
        List<IndexedSubscription> subs = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            subs.add(subscription(random, i));
        }
        SubscriptionIndex index = SubscriptionIndex.of(subs);
        int total = 0;
        for (int a = 0; a < 30; a++) {
            ArticleTags article = article(random);
            Set<String> bruteForce = subs.stream().map(s -> SubscriptionIndex.evaluate(s, article))
                    .filter(m -> m != null).map(IndexEquivalenceMatchingTest::describe).collect(Collectors.toSet());
            List<Match> found = index.match(article.copyWithFreshText());
            Set<String> indexed = found.stream().map(IndexEquivalenceMatchingTest::describe)
                    .collect(Collectors.toSet());
            assertThat(found).hasSameSizeAs(indexed); // each subscription once
            assertThat(indexed).isEqualTo(bruteForce);
            total += bruteForce.size();
        }
        // the random mix really matches (not a vacuous equality)
        assertThat(total).isGreaterThan(30 * 40);
    }

    /**
     * The same over an index with a delta: built from some subscriptions, then, in several steps, some deleted, some
     * changed (same id, new filter), some added, and some added then changed or deleted again within the delta.
     */
    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void anIndexWithChangesAppliedFindsWhatCheckingTheChangedSetFinds(long seed) {
        Random random = new Random(seed);
        Map<UUID, IndexedSubscription> live = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 1200; i++) {
            IndexedSubscription s = subscription(random, i);
            live.put(s.id(), s);
        }
        SubscriptionIndex index = SubscriptionIndex.of(List.copyOf(live.values()));
        int name = 1200;
        for (int step = 0; step < 4; step++) {
            List<IndexedSubscription> changed = new ArrayList<>();
            List<UUID> deleted = new ArrayList<>();
            List<UUID> ids = new ArrayList<>(live.keySet());
            for (int k = 0; k < 60; k++) {
                UUID id = ids.get(random.nextInt(ids.size()));
                if (deleted.contains(id) || changed.stream().anyMatch(c -> c.id().equals(id))) {
                    continue;
                }
                if (random.nextBoolean()) {
                    deleted.add(id);
                    live.remove(id);
                } else {
                    IndexedSubscription fresh = subscription(random, name++);
                    IndexedSubscription replaced = new IndexedSubscription(id, fresh.name(), fresh.filter());
                    changed.add(replaced);
                    live.put(id, replaced);
                }
            }
            for (int k = 0; k < 40; k++) {
                IndexedSubscription added = subscription(random, name++);
                changed.add(added);
                live.put(added.id(), added);
            }
            // an id nobody has: deleting it changes nothing
            deleted.add(UUID.randomUUID());
            index = index.withChanges(changed, deleted);
            assertThat(index.size()).isEqualTo(live.size());
            int total = 0;
            for (int a = 0; a < 15; a++) {
                ArticleTags article = article(random);
                Set<String> bruteForce = live.values().stream().map(s -> SubscriptionIndex.evaluate(s, article))
                        .filter(m -> m != null).map(IndexEquivalenceMatchingTest::describe)
                        .collect(Collectors.toSet());
                List<Match> found = index.match(article.copyWithFreshText());
                Set<String> indexed = found.stream().map(IndexEquivalenceMatchingTest::describe)
                        .collect(Collectors.toSet());
                assertThat(found).hasSameSizeAs(indexed);
                assertThat(indexed).isEqualTo(bruteForce);
                total += bruteForce.size();
            }
            assertThat(total).isGreaterThan(15 * 30);
        }
        assertThat(index.pendingChanges()).isGreaterThan(200);
    }

    private static String describe(Match m) {
        return m.subscription().name() + " " + m.pairs() + " " + m.countries() + " " + m.issues();
    }

    private static IndexedSubscription subscription(Random random, int i) {
        Set<String> pairs = new HashSet<>();
        Set<String> countries = new HashSet<>();
        Set<String> issues = new HashSet<>();
        String query = null;
        int shape = random.nextInt(10);
        if (shape < 3) {
            for (int n = 1 + random.nextInt(2); pairs.size() < n;) {
                pairs.add(pair(random));
            }
        }
        if (shape >= 2 && shape < 6) {
            for (int n = 1 + random.nextInt(3); countries.size() < n;) {
                countries.add(COUNTRIES[random.nextInt(COUNTRIES.length)]);
            }
        }
        if (shape != 6 && random.nextBoolean()) {
            for (int n = 1 + random.nextInt(2); issues.size() < n;) {
                issues.add(ISSUES[random.nextInt(ISSUES.length)]);
            }
        }
        if (shape >= 6 || random.nextInt(4) == 0) {
            query = QUERIES[random.nextInt(QUERIES.length)];
        }
        if (pairs.isEmpty() && countries.isEmpty() && issues.isEmpty() && query == null) {
            issues.add("trade");
        }
        // the slow path: codes the compact form cannot hold (validation would refuse them)
        if (random.nextInt(100) == 0) {
            issues.add("weather");
        }
        if (random.nextInt(150) == 0) {
            pairs.add("usa-mex");
        }
        CountryMode mode = countries.size() >= 2 && random.nextInt(3) == 0 ? CountryMode.ALL : CountryMode.ANY;
        Set<String> languages = random.nextInt(6) == 0 ? Set.of(random.nextBoolean() ? "es" : "en") : Set.of();
        Set<String> sources = random.nextInt(8) == 0 ? Set.of(SOURCES[random.nextInt(SOURCES.length)]) : Set.of();
        // 0.6 equals some articles' scores exactly: the boundary counts
        Double minScore = random.nextInt(4) == 0 ? (random.nextBoolean() ? 0.6 : 0.75) : null;
        return new IndexedSubscription(UUID.randomUUID(), "s" + i,
                new SubscriptionFilter(pairs, countries, mode, issues, query, languages, sources, minScore));
    }

    private static ArticleTags article(Random random) {
        Map<String, Double> countries = new HashMap<>();
        for (int n = 1 + random.nextInt(4); countries.size() < n;) {
            countries.put(COUNTRIES[random.nextInt(COUNTRIES.length)], score(random));
        }
        Map<String, Double> pairs = new HashMap<>();
        List<String> carried = new ArrayList<>(countries.keySet());
        for (int n = random.nextInt(3); n > 0 && carried.size() >= 2; n--) {
            String a = carried.get(random.nextInt(carried.size()));
            String b = carried.get(random.nextInt(carried.size()));
            if (!a.equals(b)) {
                pairs.put(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a, score(random));
            }
        }
        Map<String, Double> issues = new HashMap<>();
        for (int n = random.nextInt(3); issues.size() < n;) {
            issues.put(ISSUES[random.nextInt(ISSUES.length)], score(random));
        }
        if (random.nextInt(10) == 0) {
            issues.put("weather", 0.9);
        }
        String language = switch (random.nextInt(4)) {
            case 0 -> "es";
            case 1 -> null;
            default -> "en";
        };
        Set<String> sourceKeys = random.nextInt(5) == 0 ? Set.of() : Set.of(SOURCES[random.nextInt(SOURCES.length)]);
        return new ArticleTags(pairs, countries, issues, language, sourceKeys,
                new ArticleText(words(random, 2 + random.nextInt(6)), words(random, random.nextInt(30))));
    }

    /** Scores on a coarse grid, so they often equal a subscription's minimum; sometimes NaN. */
    private static double score(Random random) {
        return random.nextInt(50) == 0 ? Double.NaN : (3 + random.nextInt(8)) / 10.0;
    }

    private static String words(Random random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(WORDS[random.nextInt(WORDS.length)]).append(i % 7 == 6 ? ". " : " ");
        }
        return out.toString();
    }

    private static String pair(Random random) {
        String a = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String b;
        do {
            b = COUNTRIES[random.nextInt(COUNTRIES.length)];
        } while (b.equals(a));
        return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
    }
}
