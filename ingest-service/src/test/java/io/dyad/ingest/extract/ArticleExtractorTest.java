package io.dyad.ingest.extract;

import static io.dyad.ingest.testing.TestPages.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {

    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void keepsTheArticleParagraphsAndDropsThePageAroundThem() throws IOException {
        ExtractedArticle a = extractor.extract(page("article.html"), "https://courier.example/news/harbour-pilots");

        assertThat(a.text()).startsWith("The harbour pilots' association agreed on Tuesday")
                .contains("two pilots will be on duty", "vessels waited up to a day at anchor",
                        "What changes for ferries", "fair settlement for everyone")
                .endsWith("the association's chair said.")
                .doesNotContain("cookies", "Coastal Courier", "Opinion", "Advertisement", "Port strike ends",
                        "Share on social", "Reader one", "rights reserved", "harbour correspondent",
                        "Harbour pilots agree new night shifts");
        assertThat(a.text().split("\n\n")).hasSize(6);
    }

    @Test
    void readsMetadataFromMetaTags() throws IOException {
        ExtractedArticle a = extractor.extract(page("article.html"), "https://courier.example/news/harbour-pilots");

        assertThat(a.title()).isEqualTo("Harbour pilots agree new night shifts");
        assertThat(a.authors()).containsExactly("Ana Ruiz");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-03-04T08:30:00Z"));
        assertThat(a.language()).isEqualTo("es");
        assertThat(a.canonicalUrl()).isEqualTo("https://courier.example/news/harbour-pilots?ref=canon");
    }

    @Test
    void prefersJsonLdNewsArticleWithItsBody() throws IOException {
        ExtractedArticle a = extractor.extract(page("jsonld.html"), "https://wire.example/rail-link?utm=x");

        assertThat(a.title()).isEqualTo("Rail link reopens after storm repairs");
        assertThat(a.text()).startsWith("The rail link between the two cities reopened on Wednesday")
                .endsWith("adding about ten minutes to the journey.");
        assertThat(a.authors()).containsExactly("Lee Chan", "Sam Okafor");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-02-11T07:15:00Z"));
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.canonicalUrl()).isEqualTo("https://wire.example/rail-link");
    }

    @Test
    void aWrapperNamedLikeBoilerplateAroundTheWholePageIsKept() throws IOException {
        ExtractedArticle a = extractor.extract(page("wrapped.html"), null);

        assertThat(a.text()).startsWith("The city council approved next year's budget")
                .contains("rejected by a narrow margin")
                .endsWith("after the meeting ended.")
                .doesNotContain("Most read", "Home");
        assertThat(a.title()).isEqualTo("Council approves budget");
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.authors()).isEmpty();
        assertThat(a.publishedAt()).isNull();
    }

    @Test
    void aTeaserInJsonLdDoesNotReplaceALongerPageText() {
        String longText = "word ".repeat(400).trim();
        assertThat(ArticleExtractor.chooseText("A short teaser.", longText)).isEqualTo(longText);
        String body = "Sentence of the article body. ".repeat(20).trim();
        assertThat(ArticleExtractor.chooseText(body, "menu")).isEqualTo(body);
        assertThat(ArticleExtractor.chooseText("<p>First.</p><p>" + "More text here. ".repeat(20) + "</p>", ""))
                .startsWith("First.\n\nMore text here.");
    }

    @Test
    void namesLinkedToTagPagesStayInTheirSentence() {
        String prose = "The minister met the harbour pilots on Tuesday and promised a new roster for the winter. ";
        String html = "<html><body><article><p>" + prose + "Pilot <a href=\"/t/ana-ruiz\" id=\"auto-tag_ana-ruiz\">"
                + "Ana Ruiz</a> and skipper <span class=\"tag-link\">Luis Mora</span> welcomed it, saying the deal "
                + "was fair.</p><p>" + prose.repeat(3) + "</p><div class=\"tags\"><a href=\"/t/port\">Port</a></div>"
                + "</article></body></html>";

        String text = extractor.extract(html, null).text();

        assertThat(text).contains("Pilot Ana Ruiz and skipper Luis Mora welcomed it").doesNotContain("Port\n");
        assertThat(text).doesNotEndWith("Port");
    }

    @Test
    void jsonLdBodyReadAsLatin1IsRepaired() {
        String mojibake = new String("Bolton \u2014 Morrison\u2019s supervisor".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(TextChooser.repairMojibake(mojibake)).isEqualTo("Bolton \u2014 Morrison\u2019s supervisor");
        assertThat(TextChooser.repairMojibake("Caf\u00e9 \u00e0 Paris")).isEqualTo("Caf\u00e9 \u00e0 Paris");
        assertThat(TextChooser.repairMojibake("\u00e2\u0080 broken")).isEqualTo("\u00e2\u0080 broken");
        assertThat(TextChooser.repairMojibake("\u4e2d\u6587 \u0080")).isEqualTo("\u4e2d\u6587 \u0080");
    }

    @Test
    void emptyOrBrokenPagesGiveEmptyText() {
        assertThat(extractor.extract("", null).text()).isEmpty();
        assertThat(extractor.extract("<html><body><div><a href='/'>Home</a></div>", null).text()).isEmpty();
        assertThat(extractor.extract("<<<>>> not html at all", null).title()).isNull();
    }

    @Test
    void datesAndLanguagesAreNormalised() {
        assertThat(PageMetadata.date("2026-03-04")).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
        assertThat(PageMetadata.date("2026-03-04T10:00:00+0100")).isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(PageMetadata.date("yesterday")).isNull();
        assertThat(PageMetadata.language("pt_BR")).isEqualTo("pt");
        assertThat(PageMetadata.language("English")).isNull();
    }
}
