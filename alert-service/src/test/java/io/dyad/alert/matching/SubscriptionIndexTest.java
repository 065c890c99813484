package io.dyad.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.alert.support.TaggedArticleFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionIndexTest {

    private static IndexedSubscription sub(String name, Set<String> pairs, Set<String> countries, Set<String> issues) {
        return new IndexedSubscription(UUID.randomUUID(), name, pairs, countries, issues);
    }

    private static ArticleTags tags(Set<String> pairs, Set<String> countries, Set<String> issues) {
        return new ArticleTags(pairs, countries, issues);
    }

    @Test
    void matchesAPairAndOneOfTheIssues() {
        IndexedSubscription usMx = sub("us-mx", Set.of("MX-US"), Set.of(), Set.of("trade", "migration"));
        SubscriptionIndex index = SubscriptionIndex.of(List.of(usMx));

        List<Match> matches = index.match(tags(Set.of("MX-US"), Set.of("MX", "US"), Set.of("trade", "energy")));

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.subscription()).isEqualTo(usMx);
            assertThat(m.pairs()).containsExactly("MX-US");
            assertThat(m.issues()).containsExactly("trade");
        });
    }

    @Test
    void issuesNarrowTheMatch() {
        SubscriptionIndex index = SubscriptionIndex.of(List.of(
                sub("us-mx migration", Set.of("MX-US"), Set.of(), Set.of("migration"))));

        assertThat(index.match(tags(Set.of("MX-US"), Set.of("MX", "US"), Set.of("trade")))).isEmpty();
        assertThat(index.match(tags(Set.of("MX-US"), Set.of("MX", "US"), Set.of()))).isEmpty();
    }

    @Test
    void noIssuesMeansAnyIssue() {
        SubscriptionIndex index = SubscriptionIndex.of(List.of(sub("us-mx", Set.of("MX-US"), Set.of(), Set.of())));

        assertThat(index.match(tags(Set.of("MX-US"), Set.of(), Set.of()))).singleElement()
                .satisfies(m -> assertThat(m.issues()).isEmpty());
    }

    @Test
    void anotherPairDoesNotMatchEvenWithSharedCountries() {
        SubscriptionIndex index = SubscriptionIndex.of(List.of(sub("us-mx", Set.of("MX-US"), Set.of(), Set.of())));

        // US and Mexico both mentioned, but the article relates each to Canada, not to each other
        assertThat(index.match(tags(Set.of("CA-US", "CA-MX"), Set.of("CA", "US", "MX"), Set.of()))).isEmpty();
        assertThat(index.match(tags(Set.of("BR-JP"), Set.of("BR", "JP"), Set.of("trade")))).isEmpty();
    }

    @Test
    void countrySubscriptionsMatchOnAnyOfTheirCountries() {
        IndexedSubscription mexico = sub("mexico energy", Set.of(), Set.of("MX"), Set.of("energy"));
        SubscriptionIndex index = SubscriptionIndex.of(List.of(mexico));

        assertThat(index.match(tags(Set.of(), Set.of("MX"), Set.of("energy")))).singleElement()
                .satisfies(m -> assertThat(m.countries()).containsExactly("MX"));
        assertThat(index.match(tags(Set.of(), Set.of("MX"), Set.of("trade")))).isEmpty();
        assertThat(index.match(tags(Set.of(), Set.of("US"), Set.of("energy")))).isEmpty();
    }

    @Test
    void aSubscriptionOnPairsAndCountriesMatchesOnceWhenBothHit() {
        IndexedSubscription both = sub("both", Set.of("MX-US"), Set.of("MX", "CA"), Set.of());
        SubscriptionIndex index = SubscriptionIndex.of(List.of(both));

        assertThat(index.match(tags(Set.of("MX-US"), Set.of("MX", "US"), Set.of()))).singleElement()
                .satisfies(m -> {
                    assertThat(m.pairs()).containsExactly("MX-US");
                    assertThat(m.countries()).containsExactly("MX");
                });
        assertThat(index.match(tags(Set.of(), Set.of("CA"), Set.of()))).hasSize(1);
    }

    @Test
    void returnsEveryMatchingSubscriptionOnly() {
        List<IndexedSubscription> subs = new ArrayList<>();
        IndexedSubscription a = sub("a", Set.of("MX-US"), Set.of(), Set.of());
        IndexedSubscription b = sub("b", Set.of("MX-US", "CN-US"), Set.of(), Set.of("trade"));
        IndexedSubscription c = sub("c", Set.of("CN-US"), Set.of(), Set.of());
        IndexedSubscription d = sub("d", Set.of(), Set.of("US"), Set.of("elections"));
        subs.addAll(List.of(a, b, c, d));
        SubscriptionIndex index = SubscriptionIndex.of(subs);

        assertThat(index.size()).isEqualTo(4);
        assertThat(index.match(tags(Set.of("MX-US"), Set.of("MX", "US"), Set.of("trade"))))
                .extracting(Match::subscription).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void articleTagsNormalisePairsAndAddTheirCountries() {
        var article = TaggedArticleFixtures.usMexicoTrade().build();

        ArticleTags tags = ArticleTags.of(article);

        assertThat(tags.pairs()).containsExactly("MX-US");
        assertThat(tags.countries()).containsExactlyInAnyOrder("MX", "US");
        assertThat(tags.issues()).containsExactlyInAnyOrder("trade", "migration");
    }

    @Test
    void unparseablePairsInAnArticleAreIgnored() {
        var built = TaggedArticleFixtures.usMexicoTrade().build();
        var withJunk = new io.dyad.contracts.TaggedArticle(1, built.articleId(), built.storyId(), built.url(),
                built.canonicalUrl(), built.source(), built.title(), built.summary(), built.text(), built.language(),
                built.authors(), built.publishedAt(), built.fetchedAt(), built.contentHash(), built.countries(),
                List.of(new io.dyad.contracts.PairTag("XX-US", 0.5, List.of()),
                        new io.dyad.contracts.PairTag("US-MX", 0.5, null)),
                built.issues(), built.classifierVersion(), built.classifiedAt());

        assertThat(ArticleTags.of(withJunk).pairs()).containsExactly("MX-US");
    }

    @Test
    void anEmptyIndexMatchesNothing() {
        assertThat(SubscriptionIndex.empty().match(tags(Set.of("MX-US"), Set.of("MX"), Set.of("trade")))).isEmpty();
    }
}
