package io.dyad.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import io.dyad.testsupport.ContractValidator;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleMapperTest {

    private static final URI FEED_URI = URI.create("https://gazette.example/feeds/main.xml");
    private static final SourceRef SOURCE = new SourceRef("42", "Harbour Gazette", "rss", null, null);
    private static final Instant FETCHED = Instant.parse("2026-03-04T12:00:00Z");

    private final ArticleMapper mapper = new ArticleMapper();
    private final ParsedFeed rss = new FeedParser().parse(FeedParserTest.fixture("rss2.xml"), null);
    private final ParsedFeed atom = new FeedParser().parse(FeedParserTest.fixture("atom.xml"), null);

    @Test
    void contentEncodedBecomesTheTextAndTheDescriptionTheSummary() throws Exception {
        ArticleDraft draft = mapper.fromFeedItem(rss.items().get(0), rss, FEED_URI, SOURCE, FETCHED);

        assertThat(draft.url()).isEqualTo("https://gazette.example/2026/03/night-shifts?utm_source=rss&id=7");
        assertThat(draft.canonicalUrl()).isEqualTo("https://gazette.example/2026/03/night-shifts?id=7");
        assertThat(draft.articleId()).isEqualTo(ArticleIds.articleId(draft.canonicalUrl()));
        assertThat(draft.title()).isEqualTo("Port workers & shippers agree on new night shifts");
        assertThat(draft.text()).isEqualTo("Unions and shipping firms agreed on Monday to add night shifts at the "
                + "container terminal.\n\nThe deal, reached after three weeks of talks, starts in April.\n\n"
                + "Two extra cranes\n\nHigher pay");
        assertThat(draft.summary()).isEqualTo("Unions and shipping firms agreed to extend hours.");
        assertThat(draft.authors()).containsExactly("Ana Ortiz");
        assertThat(draft.language()).isEqualTo("en");
        assertThat(draft.publishedAt()).isEqualTo(Instant.parse("2026-03-03T09:30:00Z"));
        assertThat(draft.fetchedAt()).isEqualTo(FETCHED);
        assertThat(draft.source()).isEqualTo(SOURCE);
        assertThat(draft.contentHash()).isEqualTo(ArticleIds.contentHash(draft.title(), draft.text()));

        RawArticle raw = draft.toRawArticle(draft.articleId());
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ContractValidator.assertValid(ContractValidator.RAW_ARTICLE, json.writeValueAsString(raw));
    }

    @Test
    void withoutContentTheDescriptionIsTextAndSummaryAndRelativeLinksAreResolved() {
        ArticleDraft draft = mapper.fromFeedItem(rss.items().get(1), rss, FEED_URI, SOURCE, FETCHED);

        assertThat(draft.url()).isEqualTo("https://gazette.example/2026/03/ferry-timetable");
        assertThat(draft.text()).isEqualTo("The morning ferry leaves 15 minutes earlier from 1 April.");
        assertThat(draft.summary()).isEqualTo(draft.text());
    }

    @Test
    void anItemWithoutLinkIsUnusable() {
        assertThatThrownBy(() -> mapper.fromFeedItem(rss.items().get(2), rss, FEED_URI, SOURCE, FETCHED))
                .isInstanceOf(UnusableItemException.class)
                .hasMessage("the item has no link");
    }

    @Test
    void atomHtmlTitleAndContentBecomePlainTextInTheFeedLanguage() {
        ArticleDraft draft = mapper.fromFeedItem(atom.items().get(0), atom, FEED_URI, SOURCE, FETCHED);

        assertThat(draft.title()).isEqualTo("El puerto amplía su horario");
        assertThat(draft.text()).isEqualTo("El puerto abrirá de noche.\n\nEl acuerdo empieza en abril.");
        assertThat(draft.summary()).isEqualTo("Resumen breve del acuerdo.");
        assertThat(draft.language()).isEqualTo("es");
        assertThat(draft.authors()).containsExactly("Luis Pérez", "Marta Gil");
    }

    @Test
    void withoutDescriptionTheSummaryIsTheFirstParagraph() {
        ArticleDraft draft = mapper.fromFeedItem(atom.items().get(1), atom, FEED_URI, SOURCE, FETCHED);

        assertThat(draft.text()).isEqualTo("Primer párrafo.\n\nSegundo párrafo.");
        assertThat(draft.summary()).isEqualTo("Primer párrafo.");
    }

    @Test
    void aLinkThatIsNotHttpIsUnusable() {
        FeedItem item = new FeedItem("mailto:desk@gazette.example", "t", null, new Markup("d", "text/html"), List.of(),
                null);
        assertThatThrownBy(() -> mapper.fromFeedItem(item, rss, FEED_URI, SOURCE, FETCHED))
                .isInstanceOf(UnusableItemException.class)
                .hasMessageContaining("not an absolute http(s) URL");
    }

    @Test
    void anItemWithNothingToReadIsUnusable() {
        FeedItem item = new FeedItem("https://gazette.example/empty", " ", null, null, List.of(), null);
        assertThatThrownBy(() -> mapper.fromFeedItem(item, rss, FEED_URI, SOURCE, FETCHED))
                .isInstanceOf(UnusableItemException.class)
                .hasMessageContaining("neither a title nor any text");
    }

    @Test
    void sameTitleAndTextGiveTheSameContentHashWhateverTheUrl() {
        FeedItem a = new FeedItem("https://one.example/a", "Same", new Markup("<p>Body</p>", "html"), null, List.of(), null);
        FeedItem b = new FeedItem("https://two.example/b", "Same", null, new Markup("Body", "text/html"), List.of(), null);
        ArticleDraft da = mapper.fromFeedItem(a, rss, FEED_URI, SOURCE, FETCHED);
        ArticleDraft db = mapper.fromFeedItem(b, rss, FEED_URI, SOURCE, FETCHED);
        assertThat(da.articleId()).isNotEqualTo(db.articleId());
        assertThat(da.contentHash()).isEqualTo(db.contentHash());
    }

    @Test
    void submissionsComeFromTheApiSourceWithALeadAsSummary() {
        ArticleDraft draft = mapper.fromSubmission(" https://news.example/x#top ", "Title",
                "First paragraph.\n\nSecond paragraph.", null, FETCHED);
        assertThat(draft.source()).isEqualTo(new SourceRef("api", "API", "api", null, null));
        assertThat(draft.url()).isEqualTo("https://news.example/x#top");
        assertThat(draft.canonicalUrl()).isEqualTo("https://news.example/x");
        assertThat(draft.summary()).isEqualTo("First paragraph.");
        assertThat(draft.language()).isNull();
        assertThat(draft.publishedAt()).isNull();
    }

    @Test
    void longLeadsAreCutAtAWord() {
        String text = "word ".repeat(200).trim();
        String lead = ArticleMapper.lead(text);
        assertThat(lead).endsWith("…").hasSizeLessThanOrEqualTo(ArticleMapper.MAX_LEAD_LENGTH + 1);
        assertThat(lead.substring(0, lead.length() - 1)).endsWith("word");
    }
}
