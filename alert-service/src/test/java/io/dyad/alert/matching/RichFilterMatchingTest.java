package io.dyad.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.TaggedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every part of a rich filter, through the inverted index and the monitor, and the index against brute force. */
class RichFilterMatchingTest {

    private static SubscriptionIndex index(IndexedSubscription... subs) {
        return SubscriptionIndex.of(List.of(subs));
    }

    private static IndexedSubscription sub(String name, Set<String> pairs, Set<String> countries, CountryMode mode,
            Set<String> issues, String query, Set<String> languages, Set<String> sources, Double minScore) {
        return new IndexedSubscription(UUID.randomUUID(), name,
                new SubscriptionFilter(pairs, countries, mode, issues, query, languages, sources, minScore));
    }

    private static IndexedSubscription query(String name, String query) {
        return sub(name, Set.of(), Set.of(), CountryMode.ANY, Set.of(), query, Set.of(), Set.of(), null);
    }

    private static List<String> names(List<Match> matches) {
        return matches.stream().map(m -> m.subscription().name()).sorted().toList();
    }

    private static final TaggedArticle US_MX = TaggedArticleFixtures.usMexicoTrade().build();
    private static final TaggedArticle JP_BR = TaggedArticleFixtures.japanBrazilTrade().build();

    @Test
    void countriesAnyOrAll() {
        SubscriptionIndex index = index(
                sub("any", Set.of(), Set.of("MX", "CA"), CountryMode.ANY, Set.of(), null, Set.of(), Set.of(), null),
                sub("all-mx-us", Set.of(), Set.of("MX", "US"), CountryMode.ALL, Set.of(), null, Set.of(), Set.of(),
                        null),
                sub("all-mx-ca", Set.of(), Set.of("MX", "CA"), CountryMode.ALL, Set.of(), null, Set.of(), Set.of(),
                        null));

        assertThat(names(index.match(ArticleTags.of(US_MX)))).containsExactly("all-mx-us", "any");
        assertThat(index.match(ArticleTags.of(US_MX))).filteredOn(m -> m.subscription().name().equals("all-mx-us"))
                .singleElement().satisfies(m -> assertThat(m.countries()).containsExactly("MX", "US"));
    }

    @Test
    void issuesAloneMatchAnyPlace() {
        SubscriptionIndex index = index(
                sub("trade anywhere", Set.of(), Set.of(), CountryMode.ANY, Set.of("trade"), null, Set.of(), Set.of(),
                        null),
                sub("migration anywhere", Set.of(), Set.of(), CountryMode.ANY, Set.of("migration"), null, Set.of(),
                        Set.of(), null));

        assertThat(names(index.match(ArticleTags.of(US_MX)))).containsExactly("migration anywhere", "trade anywhere");
        assertThat(names(index.match(ArticleTags.of(JP_BR)))).containsExactly("trade anywhere");
    }

    @Test
    void keywordQueriesAloneGoThroughTheMonitorAndWithPlacesThroughTheCandidates() {
        SubscriptionIndex index = index(
                query("steel tariffs", "tariffs AND steel"),
                query("soybeans", "soybean*"),
                query("phrase miss", "\"steel tariffs\""),
                sub("us-mx steel", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), "title:tariff AND steel",
                        Set.of(), Set.of(), null),
                sub("us-mx aluminium", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), "aluminium", Set.of(),
                        Set.of(), null));

        assertThat(index.monitoredCount()).isEqualTo(3);
        assertThat(names(index.match(ArticleTags.of(US_MX)))).containsExactly("steel tariffs", "us-mx steel");
        assertThat(names(index.match(ArticleTags.of(JP_BR)))).containsExactly("soybeans");
    }

    @Test
    void languagesSourcesAndMinimumScore() {
        SubscriptionIndex index = index(
                sub("spanish", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), null, Set.of("es"), Set.of(),
                        null),
                sub("english", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), null, Set.of("en", "es"),
                        Set.of(), null),
                sub("by source name", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), null, Set.of(),
                        Set.of("example wire"), null),
                sub("by source id", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), null, Set.of(),
                        Set.of("src-example"), null),
                sub("other source", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), null, Set.of(),
                        Set.of("another wire"), null),
                // pair 0.85, trade 0.8, migration 0.6 in the fixture
                sub("strong trade", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of("trade", "migration"), null,
                        Set.of(), Set.of(), 0.7),
                sub("too strict", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of("migration"), null, Set.of(),
                        Set.of(), 0.7),
                sub("pair too weak", Set.of("MX-US"), Set.of(), CountryMode.ANY, Set.of(), null, Set.of(), Set.of(),
                        0.9));

        List<Match> matches = index.match(ArticleTags.of(US_MX));
        assertThat(names(matches)).containsExactly("by source id", "by source name", "english", "strong trade");
        assertThat(matches).filteredOn(m -> m.subscription().name().equals("strong trade")).singleElement()
                .satisfies(m -> assertThat(m.issues()).containsExactly("trade"));
    }

    @Test
    void theIndexFindsExactlyWhatCheckingEverySubscriptionFinds() {
        Random random = new Random(42);
        String[] countries = {"MX", "US", "CA", "JP", "BR", "FR", "DE"};
        String[] issues = {"trade", "migration", "energy", "border"};
        String[] queries = {"steel", "soybean*", "tariffs AND steel", "title:brazil", "\"trade accord\"", null};
        List<IndexedSubscription> subs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Set<String> pairs = random.nextInt(3) == 0 ? Set.of(pair(random, countries)) : Set.of();
            Set<String> cs = random.nextInt(3) == 0
                    ? Set.of(countries[random.nextInt(3)], countries[3 + random.nextInt(4)]) : Set.of();
            Set<String> is = random.nextBoolean() ? Set.of(issues[random.nextInt(issues.length)]) : Set.of();
            String q = queries[random.nextInt(queries.length)];
            if (pairs.isEmpty() && cs.isEmpty() && is.isEmpty() && q == null) {
                q = "steel";
            }
            subs.add(sub("s" + i, pairs, cs, random.nextBoolean() ? CountryMode.ANY : CountryMode.ALL, is, q,
                    random.nextInt(5) == 0 ? Set.of("es") : Set.of(), Set.of(),
                    random.nextInt(4) == 0 ? 0.7 : null));
        }
        SubscriptionIndex index = index(subs.toArray(IndexedSubscription[]::new));
        for (TaggedArticle article : List.of(US_MX, JP_BR)) {
            ArticleTags tags = ArticleTags.of(article);
            List<String> bruteForce = subs.stream().filter(s -> SubscriptionIndex.evaluate(s, tags) != null)
                    .map(IndexedSubscription::name).sorted().toList();
            assertThat(bruteForce).isNotEmpty();
            assertThat(names(index.match(tags))).isEqualTo(bruteForce);
        }
    }

    private static String pair(Random random, String[] countries) {
        String a = countries[random.nextInt(countries.length)];
        String b;
        do {
            b = countries[random.nextInt(countries.length)];
        } while (b.equals(a));
        return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
    }
}
