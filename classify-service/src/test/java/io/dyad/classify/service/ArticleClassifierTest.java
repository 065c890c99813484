package io.dyad.classify.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.classify.Fixtures.Article;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three stories issue 2 names, end to end through the plain classifier. */
class ArticleClassifierTest {

    private final ArticleClassifier classifier = Fixtures.classifier();

    @Test
    void aUsMexicoTradeStory() {
        Article a = Fixtures.article("us-mexico-trade");
        Classification c = classifier.classify(a.title(), a.text());
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.countries()).extracting(CountryTag::code).containsExactlyInAnyOrder("MX", "US");
        assertThat(c.pairs()).extracting(PairTag::pair).containsExactly("MX-US");
        assertThat(c.issues()).extracting(IssueTag::id).first().isEqualTo("trade");
        assertEvidenceIsOfTheArticle(c, a);
    }

    @Test
    void aJapanBrazilStoryIsNotUsMexico() {
        Article a = Fixtures.article("japan-brazil-trade");
        Classification c = classifier.classify(a.title(), a.text());
        assertThat(c.countries()).extracting(CountryTag::code).startsWith("BR", "JP").doesNotContain("MX");
        assertThat(c.pairs()).extracting(PairTag::pair).contains("BR-JP").doesNotContain("MX-US");
        assertThat(c.issues()).extracting(IssueTag::id).contains("agriculture", "trade");
        assertEvidenceIsOfTheArticle(c, a);
    }

    @Test
    void aSpanishBorderStoryFromTheMexicanSide() {
        Article a = Fixtures.article("es-frontera");
        Classification c = classifier.classify(a.title(), a.text());
        assertThat(c.language()).isEqualTo("es");
        // the headline's subject is Mexico, so Mexico is the focus
        assertThat(c.countries()).extracting(CountryTag::code).containsExactly("MX", "US");
        assertThat(c.pairs()).extracting(PairTag::pair).containsExactly("MX-US");
        assertThat(c.issues()).extracting(IssueTag::id).first().isEqualTo("border");
        assertThat(c.issues()).extracting(IssueTag::id).contains("migration");
        assertEvidenceIsOfTheArticle(c, a);
    }

    @Test
    void theSameArticleGetsTheSameTags() {
        Article a = Fixtures.article("us-mexico-trade");
        assertThat(classifier.classify(a.title(), a.text())).isEqualTo(classifier.classify(a.title(), a.text()));
    }

    @Test
    void aSummaryThatRepeatsTheLeadIsNotCountedTwice() {
        Article a = Fixtures.article("us-mexico-trade");
        String lead = a.text().substring(0, a.text().indexOf('\n'));
        Classification withSummary = classifier.classify(a.title(), lead, a.text(), null);
        assertThat(withSummary).isEqualTo(classifier.classify(a.title(), a.text()));
        Classification otherSummary = classifier.classify(a.title(), "Canada watched the talks closely.", a.text(),
                null);
        assertThat(otherSummary.countries()).extracting(CountryTag::code).contains("CA");
        assertThat(otherSummary.countries().stream().filter(t -> t.code().equals("CA")).findFirst().orElseThrow()
                .evidence()).extracting(Evidence::field).containsExactly("summary");
    }

    @Test
    void emptyInputGivesNoTags() {
        Classification c = classifier.classify(null, "");
        assertThat(c.countries()).isEmpty();
        assertThat(c.pairs()).isEmpty();
        assertThat(c.issues()).isEmpty();
        assertThat(c.language()).isEqualTo("en");
    }

    static void assertEvidenceIsOfTheArticle(Classification c, Article a) {
        List<Evidence> all = new ArrayList<>();
        c.countries().forEach(t -> all.addAll(t.evidence()));
        c.pairs().forEach(t -> all.addAll(t.evidence()));
        c.issues().forEach(t -> all.addAll(t.evidence()));
        assertThat(all).isNotEmpty().allSatisfy(e -> {
            String field = switch (e.field()) {
                case "title" -> a.title();
                case "text" -> a.text();
                default -> throw new AssertionError("unexpected field " + e.field());
            };
            assertThat(field.substring(e.start(), e.end())).isEqualTo(e.text());
        });
        assertThat(c.countries()).allSatisfy(t -> assertThat(t.score()).isBetween(0.0, 1.0));
        assertThat(c.countries()).extracting(CountryTag::score).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    }

    @Test
    void summaryWordsAreWhatTheRegexGave() {
        // repeatsLead once ran replaceAll("\\W+", " ").strip() on every article with a summary
        for (String text : List.of("", "  ", "Mexico's exports, up 5%!", "--a--b--", "café  ñandú 𝐀x_y",
                "\tTrade\n\ndeficit…  ", "ΑΒΓ mixed Кириллица 12_3")) {
            assertThat(ArticleClassifier.words(text)).isEqualTo(text.replaceAll("\\W+", " ").strip());
        }
        assertThat(ArticleClassifier.repeatsLead("Mexico and the U.S. agreed",
                "MEXICO AND THE U.S. AGREED on Tuesday to lower tariffs")).isTrue();
        assertThat(ArticleClassifier.repeatsLead("A new summary", "Mexico and the U.S. agreed")).isFalse();
    }
}
