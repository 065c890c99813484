package io.dyad.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();

    static byte[] fixture(String name) {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theWebSubHubAndSelfLinksAreFoundInAtomAndInRss() {
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>
                  <updated>2026-11-28T10:00:00Z</updated>
                  <link rel="alternate" href="https://a.example/"/>
                  <link rel="hub" href="https://hub.example/"/>
                  <link rel="self" href="https://a.example/atom.xml"/>
                </feed>""";
        ParsedFeed a = parser.parse(atom.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/atom+xml");
        org.assertj.core.api.Assertions.assertThat(a.hub()).isEqualTo("https://hub.example/");
        org.assertj.core.api.Assertions.assertThat(a.self()).isEqualTo("https://a.example/atom.xml");
        String rss = """
                <?xml version="1.0"?>
                <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>R</title>
                  <link>https://r.example/</link><description>d</description>
                  <atom:link rel="hub" href="https://pubsubhubbub.example/"/>
                  <atom:link rel="self" href="https://r.example/rss.xml" type="application/rss+xml"/>
                </channel></rss>""";
        ParsedFeed r = parser.parse(rss.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/rss+xml");
        org.assertj.core.api.Assertions.assertThat(r.hub()).isEqualTo("https://pubsubhubbub.example/");
        org.assertj.core.api.Assertions.assertThat(r.self()).isEqualTo("https://r.example/rss.xml");
        ParsedFeed none = parser.parse(rss.replace("rel=\"hub\"", "rel=\"other\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/rss+xml");
        org.assertj.core.api.Assertions.assertThat(none.hub()).isNull();
    }

    @Test
    void readsRss20ItemsWithContentEncodedDescriptionAuthorsAndDates() {
        ParsedFeed feed = parser.parse(fixture("rss2.xml"), "application/rss+xml; charset=utf-8");

        assertThat(feed.feedType()).isEqualTo("rss_2.0");
        assertThat(feed.title()).isEqualTo("Harbour Gazette");
        assertThat(feed.language()).isEqualTo("en");
        assertThat(feed.items()).hasSize(3);

        FeedItem first = feed.items().get(0);
        assertThat(first.title()).isEqualTo("Port workers & shippers agree on new night shifts");
        assertThat(first.link()).isEqualTo("https://gazette.example/2026/03/night-shifts?utm_source=rss&id=7");
        assertThat(first.content().value()).contains("<p>Unions and shipping firms agreed on Monday");
        assertThat(first.content().isHtml()).isTrue();
        assertThat(first.description().value()).isEqualTo("Unions and shipping firms <b>agreed</b> to extend hours.");
        assertThat(first.authors()).containsExactly("Ana Ortiz");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-03-03T09:30:00Z"));

        FeedItem second = feed.items().get(1);
        assertThat(second.link()).isEqualTo("/2026/03/ferry-timetable");
        assertThat(second.content()).isNull();
        assertThat(second.description().value()).startsWith("The morning ferry");
        assertThat(second.authors()).containsExactly("desk@gazette.example (Ferry Desk)");
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));

        assertThat(feed.items().get(2).link()).isNull();
    }

    @Test
    void readsAtomEntriesWithHtmlContentSummaryAuthorsAndLanguage() {
        ParsedFeed feed = parser.parse(fixture("atom.xml"), "application/atom+xml");

        assertThat(feed.feedType()).isEqualTo("atom_1.0");
        assertThat(feed.language()).isEqualTo("es");
        assertThat(feed.items()).hasSize(2);

        FeedItem entry = feed.items().get(0);
        assertThat(entry.link()).isEqualTo("https://diario.example/noticias/puerto-horario");
        assertThat(entry.content().value()).isEqualTo("<p>El puerto abrirá de noche.</p><p>El acuerdo empieza en abril.</p>");
        assertThat(entry.content().isHtml()).isTrue();
        assertThat(entry.description().value()).isEqualTo("Resumen breve del acuerdo.");
        assertThat(entry.authors()).containsExactly("Luis Pérez", "Marta Gil");
        assertThat(entry.publishedAt()).isEqualTo(Instant.parse("2026-03-04T08:15:00Z"));

        FeedItem updatedOnly = feed.items().get(1);
        assertThat(updatedOnly.publishedAt()).isEqualTo(Instant.parse("2026-03-03T12:00:00Z"));
        assertThat(updatedOnly.content().isHtml()).isFalse();
        assertThat(updatedOnly.description()).isNull();
    }

    @Test
    void aPermalinkGuidStandsInForAMissingLink() {
        String xml = "<rss version=\"2.0\"><channel><title>G</title><link>https://g.example/</link><description>d"
                + "</description><item><title>Guid only</title><guid isPermaLink=\"true\">https://g.example/a/1</guid>"
                + "</item><item><title>Opaque guid</title><guid isPermaLink=\"false\">g-2</guid></item></channel></rss>";
        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml");
        assertThat(feed.items().get(0).link()).isEqualTo("https://g.example/a/1");
        assertThat(feed.items().get(1).link()).isNull();
    }

    @Test
    void honoursTheCharsetOfTheContentType() {
        String xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Café</title>"
                + "<link>https://c.example/</link><description>d</description><item><title>Année née</title>"
                + "<link>https://c.example/a</link></item></channel></rss>";
        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.ISO_8859_1), "text/xml; charset=ISO-8859-1");
        assertThat(feed.title()).isEqualTo("Café");
        assertThat(feed.items().get(0).title()).isEqualTo("Année née");
    }

    @Test
    void refusesADoctypeSoExternalEntitiesAreNeverExpanded() {
        assertThatThrownBy(() -> parser.parse(fixture("doctype-external-entity.xml"), "application/rss+xml"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageContaining("refused");
    }

    @Test
    void refusesEntityExpansionBombs() {
        assertThatThrownBy(() -> parser.parse(fixture("billion-laughs.xml"), null))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void badXmlGivesAClearErrorWithTheLine() {
        assertThatThrownBy(() -> parser.parse(fixture("broken.xml"), "application/xml"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("the feed is not well-formed XML: ")
                .hasMessageContaining("(line ");
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        assertThatThrownBy(() -> parser.parse(fixture("not-a-feed.html"), "text/html"))
                .isInstanceOf(FeedParseException.class)
                .hasMessage("the response is an HTML page, not an RSS or Atom feed");
    }

    @Test
    void wellFormedXmlOfAnotherKindIsNotAFeed() {
        byte[] xml = "<?xml version=\"1.0\"?><catalog><book>x</book></catalog>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(xml, "application/xml"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("not an RSS or Atom feed");
    }

    @Test
    void anEmptyBodyIsNotAFeed() {
        assertThatThrownBy(() -> parser.parse(new byte[0], "application/xml"))
                .isInstanceOf(FeedParseException.class)
                .hasMessage("the response body is empty, not a feed");
    }

    @Test
    void languageTagsBecomeLanguageCodes() {
        assertThat(FeedParser.language("en-us")).isEqualTo("en");
        assertThat(FeedParser.language("pt_BR")).isEqualTo("pt");
        assertThat(FeedParser.language("EN")).isEqualTo("en");
        assertThat(FeedParser.language("english")).isNull();
        assertThat(FeedParser.language(null)).isNull();
    }
}
