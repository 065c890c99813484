package io.dyad.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.TaggedArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceSelectorTest {

    @Test
    void pairEvidenceThenTheMatchedIssuesEvidence() {
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();

        List<Evidence> evidence = EvidenceSelector.select(article, List.of("MX-US"), List.of(), List.of("trade"));

        assertThat(evidence).extracting(Evidence::text)
                .containsExactly("Officials from Mexico and the United States", "trade accord", "tariffs");
        for (Evidence e : evidence) {
            String field = e.field().equals("title") ? article.title() : article.text();
            assertThat(field.substring(e.start(), e.end())).isEqualTo(e.text());
        }
    }

    @Test
    void identicalSpansOnceAndAtMostFive() {
        var builder = TaggedArticleFixtures.usMexicoTrade()
                .pair("MX-US", 0.8, "Officials from Mexico and the United States") // same span again
                .issue("trade", 0.8, "steel").issue("trade", 0.8, "exports to Mexico")
                .issue("trade", 0.8, "Officials from Mexico and the United States");
        TaggedArticle article = builder.build();

        List<Evidence> evidence = EvidenceSelector.select(article, List.of("MX-US"), List.of(),
                List.of("trade", "migration"));

        assertThat(evidence).hasSize(EvidenceSelector.MAX);
        assertThat(evidence).extracting(Evidence::text).doesNotHaveDuplicates()
                .startsWith("Officials from Mexico and the United States", "trade accord");
    }

    @Test
    void issueEvidenceKeepsRoomWhenThePairHasMuch() {
        var builder = TaggedArticleFixtures.usMexicoTrade();
        for (String phrase : List.of("Mexico City", "both governments", "shared border", "Washington", "Mexico would")) {
            builder.pair("MX-US", 0.8, phrase);
        }
        List<Evidence> evidence = EvidenceSelector.select(builder.build(), List.of("MX-US"), List.of(),
                List.of("migration"));

        assertThat(evidence).hasSize(5);
        assertThat(evidence.get(4).text()).isEqualTo("migration at crossings");
    }

    @Test
    void countryEvidenceWhenMatchedOnCountriesOnly() {
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();

        List<Evidence> evidence = EvidenceSelector.select(article, List.of(), List.of("MX"), List.of());

        assertThat(evidence).extracting(Evidence::text).containsExactly("Mexico");
    }
}
