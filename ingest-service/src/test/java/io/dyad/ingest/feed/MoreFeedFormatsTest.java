package io.dyad.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** JSON Feed 1.1 and RSS 1.0 (RDF). */
class MoreFeedFormatsTest {

    private final FeedParser parser = new FeedParser();

    private static byte[] feed(String name) throws IOException {
        try (InputStream in = MoreFeedFormatsTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void jsonFeed11ItemsBecomeFeedItems() throws IOException {
        ParsedFeed feed = parser.parse(feed("jsonfeed-1.1.json"), "application/feed+json");

        assertThat(feed.feedType()).isEqualTo("json_1.1");
        assertThat(feed.title()).isEqualTo("Valley Ledger");
        assertThat(feed.link()).isEqualTo("https://ledger.example/");
        assertThat(feed.language()).isEqualTo("es");
        assertThat(feed.items()).hasSize(3); // the string entry is not an item

        FeedItem agua = feed.items().get(0);
        assertThat(agua.link()).isEqualTo("https://ledger.example/2026/03/agua");
        assertThat(agua.title()).isEqualTo("Acuerdo sobre el agua del río");
        assertThat(agua.content().plainText()).isEqualTo("Los dos estados firmaron el acuerdo.\n\nEntra en vigor en abril.");
        assertThat(agua.description().plainText()).isEqualTo("Firmado el acuerdo del río.");
        assertThat(agua.authors()).containsExactly("Marta Gómez", "Luis Paz");
        assertThat(agua.publishedAt()).isEqualTo(Instant.parse("2026-03-04T16:00:00Z"));

        FeedItem external = feed.items().get(1);
        assertThat(external.link()).isEqualTo("https://other.example/report");
        assertThat(external.content().isHtml()).isFalse();
        assertThat(external.content().plainText()).isEqualTo("Texto plano del informe.\n\nSegundo párrafo.");
        assertThat(external.publishedAt()).isEqualTo(Instant.parse("2026-03-05T08:00:00Z")); // bad date_published
        assertThat(external.authors()).containsExactly("Ledger Desk"); // the feed's authors

        FeedItem unlinked = feed.items().get(2);
        assertThat(unlinked.link()).isNull();
        assertThat(unlinked.publishedAt()).isNull();
    }

    @Test
    void jsonThatIsNotAJsonFeedIsRefusedClearly() {
        assertThatThrownBy(() -> parser.parse("{\"name\":\"api\"}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("without a JSON Feed version");
        assertThatThrownBy(() -> parser.parse("{\"version\":\"https://jsonfeed.org/version/1.1\""
                .getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("the JSON feed is not valid JSON");
        assertThatThrownBy(() -> parser.parse("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":3}"
                .getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedParseException.class)
                .hasMessage("the JSON feed has no items array");
        assertThatThrownBy(() -> parser.parse(("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":"
                + "[".repeat(200) + "]".repeat(200) + "}").getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void rss10RdfIsParsed() throws IOException {
        ParsedFeed feed = parser.parse(feed("rss1-rdf.xml"), "application/rdf+xml");

        assertThat(feed.feedType()).isEqualTo("rss_1.0");
        assertThat(feed.title()).isEqualTo("Bulletin");
        assertThat(feed.items()).hasSize(1);
        FeedItem item = feed.items().get(0);
        assertThat(item.link()).isEqualTo("https://bulletin.example/a");
        assertThat(item.title()).isEqualTo("Le port rouvre");
        assertThat(item.description().plainText()).isEqualTo("Le port a rouvert lundi.");
        assertThat(item.authors()).containsExactly("Claire Martin");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    }
}
