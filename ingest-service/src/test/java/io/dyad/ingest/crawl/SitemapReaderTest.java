package io.dyad.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dyad.ingest.feed.FeedParseException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SitemapReader on sitemap documents written for the tests (no I/O). */
class SitemapReaderTest {

    private static final URI AT = URI.create("https://gazette.example/sitemaps/news.xml");

    private static SitemapReader.Sitemap read(String xml) {
        return SitemapReader.read(xml.getBytes(StandardCharsets.UTF_8), "application/xml", AT);
    }

    @Test
    void googleNewsEntriesBringTheirPublicationDateTitleAndLanguage() {
        SitemapReader.Sitemap s = read("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset "
                + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url>"
                + "<loc>https://cdn.gazette.example/2026/11/28/crossing</loc><lastmod>2026-11-20</lastmod>"
                + "<news:news><news:publication><news:name>Gazette</news:name><news:language>es</news:language>"
                + "</news:publication><news:publication_date>2026-11-28T10:00:00Z</news:publication_date>"
                + "<news:title>Reabre el cruce</news:title></news:news></url>"
                + "<url><loc>https://gazette.example/about</loc><lastmod>2026-01-02</lastmod></url>"
                + "<url><loc>https://gazette.example/undated</loc></url></urlset>");
        assertThat(s.children()).isEmpty();
        assertThat(s.entries()).hasSize(3);
        SitemapReader.Entry news = s.entries().get(0);
        // another host than the sitemap's: still listed (the guard and robots.txt decide later)
        assertThat(news.url()).isEqualTo(URI.create("https://cdn.gazette.example/2026/11/28/crossing"));
        assertThat(news.published()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z")); // news date beats lastmod
        assertThat(news.title()).isEqualTo("Reabre el cruce");
        assertThat(news.language()).isEqualTo("es");
        assertThat(s.entries().get(1).published()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(s.entries().get(2).published()).isNull();
    }

    @Test
    void anIndexListsItsChildren() {
        SitemapReader.Sitemap s = read("<?xml version=\"1.0\"?><sitemapindex "
                + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>https://gazette.example/s1.xml"
                + "</loc><lastmod>2026-11-28T09:00:00+01:00</lastmod></sitemap><sitemap>"
                + "<loc>https://gazette.example/s2.xml</loc></sitemap></sitemapindex>");
        assertThat(s.entries()).isEmpty();
        assertThat(s.children()).extracting(SitemapReader.Child::url).containsExactly(
                URI.create("https://gazette.example/s1.xml"), URI.create("https://gazette.example/s2.xml"));
        assertThat(s.children().get(0).lastModified()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
        assertThat(s.children().get(1).lastModified()).isNull();
    }

    @Test
    void aDoctypeOrSomethingElseIsRefused() {
        assertThatThrownBy(() -> read("<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>"
                + "https://gazette.example/&x;</loc></url></urlset>"))
                .isInstanceOf(FeedParseException.class);
        assertThatThrownBy(() -> read("<html><body>not a sitemap</body></html>"))
                .isInstanceOf(FeedParseException.class);
    }
}
