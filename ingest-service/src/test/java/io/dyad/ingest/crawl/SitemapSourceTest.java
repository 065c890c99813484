package io.dyad.ingest.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.StoryTexts;
import io.dyad.ingest.testing.TestPages;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sitemap} sources against WireMock: Google News urlsets and sitemap indexes, only recent entries followed,
 * robots.txt honoured for the sitemap, its children and the pages, each page extracted and published once.
 * Each test has its own WireMock (its own origin), so robots.txt caches of other tests do not apply.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class SitemapSourceTest {

    private WireMockServer site;

    @BeforeEach
    void start() {
        site = Peers.wireMock();
        site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "text/plain").withBody("User-agent: *\nDisallow: /private/\n")));
    }

    @AfterEach
    void stop() {
        site.stop();
    }

    private String url(String path) {
        return Peers.url(site, path);
    }

    private void page(String path, String title, String text) {
        site.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "text/html; charset=utf-8").withBody(TestPages.article(title, text, null))));
    }

    private void xml(String path, String body) {
        site.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody(body)));
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String newsEntry(String loc, Instant published, String title) {
        return "<url><loc>" + loc + "</loc><news:news><news:publication><news:name>Test Gazette</news:name>"
                + "<news:language>en</news:language></news:publication><news:publication_date>" + iso(published)
                + "</news:publication_date><news:title>" + title + "</news:title></news:news></url>";
    }

    private static String urlset(String... entries) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">" + String.join("", entries)
                + "</urlset>";
    }

    private long source(String path) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Sitemap " + UUID.randomUUID(), "url",
                url(path), "type", "sitemap", "language", "en")).post("/sources").then().statusCode(201)
                .body("type", org.hamcrest.Matchers.equalTo("sitemap")).extract().jsonPath().getLong("id");
    }

    private static JsonPath fetch(long id) {
        return given().post("/sources/" + id + "/fetch").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aGoogleNewsSitemapPublishesItsRecentPagesOnceAndHonoursRobots() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        page("/news/" + t + "/crossing", "Crossing reopens", StoryTexts.tagged(StoryTexts.WIRE, "s" + t.replaceAll("[0-9]", "k")));
        page("/news/" + t + "/opinion", "Opinion", StoryTexts.tagged(StoryTexts.SAME_TOPIC_2, "s" + t.replaceAll("[0-9]", "k")));
        page("/news/" + t + "/old", "Old news", "An article from last week.");
        page("/private/" + t + "/secret", "Secret", "Nobody may crawl this.");
        xml("/" + t + "/news-sitemap.xml", urlset(
                newsEntry(url("/news/" + t + "/crossing"), now.minus(Duration.ofHours(2)), "Crossing reopens (news title)"),
                newsEntry(url("/news/" + t + "/opinion"), now.minus(Duration.ofHours(20)), "Opinion"),
                newsEntry(url("/news/" + t + "/old"), now.minus(Duration.ofDays(5)), "Old news"),
                newsEntry(url("/private/" + t + "/secret"), now.minus(Duration.ofHours(1)), "Secret")));
        long id = source("/" + t + "/news-sitemap.xml");

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("items")).isEqualTo(3); // the recent entries
        assertThat(report.getInt("published")).isEqualTo(2);
        assertThat(report.getInt("skipped")).isEqualTo(1); // disallowed by robots.txt

        JsonNode crossing = RawTopic.onlyArticle(url("/news/" + t + "/crossing"));
        assertThat(crossing.get("title").asText()).isEqualTo("Crossing reopens");
        assertThat(crossing.get("text").asText()).contains("Santa", "Elena").doesNotContain("Copyright", "Sport");
        assertThat(crossing.get("source").get("type").asText()).isEqualTo("sitemap");
        // the page has no date: the sitemap's news:publication_date stands in
        assertThat(Instant.parse(crossing.get("publishedAt").asText()))
                .isCloseTo(now.minus(Duration.ofHours(2)), org.assertj.core.api.Assertions.within(2, ChronoUnit.SECONDS));
        RawTopic.onlyArticle(url("/news/" + t + "/opinion"));

        site.verify(0, getRequestedFor(urlEqualTo("/news/" + t + "/old")));
        site.verify(0, getRequestedFor(urlEqualTo("/private/" + t + "/secret")));

        // the next run finds nothing new and fetches no page again
        JsonPath again = fetch(id);
        assertThat(again.getInt("published")).isZero();
        assertThat(again.getInt("duplicates")).isEqualTo(2);
        site.verify(1, getRequestedFor(urlEqualTo("/news/" + t + "/crossing")));
        site.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
        given().get("/sources/" + id).then().body("itemsPerDay", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aSitemapIndexIsFollowedToItsRecentlyModifiedChildrenOnly() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        xml("/" + t + "/index.xml", "<?xml version=\"1.0\"?><sitemapindex "
                + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>" + url("/" + t + "/2026-recent.xml") + "</loc><lastmod>" + iso(now.minus(Duration.ofHours(1)))
                + "</lastmod></sitemap>"
                + "<sitemap><loc>" + url("/" + t + "/archive.xml") + "</loc><lastmod>" + iso(now.minus(Duration.ofDays(90)))
                + "</lastmod></sitemap></sitemapindex>");
        xml("/" + t + "/2026-recent.xml", urlset(
                "<url><loc>" + url("/a/" + t + "/fresh") + "</loc><lastmod>" + iso(now.minus(Duration.ofHours(3)))
                        + "</lastmod></url>",
                "<url><loc>" + url("/a/" + t + "/undated") + "</loc></url>"));
        xml("/" + t + "/archive.xml", urlset("<url><loc>" + url("/a/" + t + "/ancient") + "</loc></url>"));
        page("/a/" + t + "/fresh", "Fresh " + t, "A fresh article from a sitemap index, long enough to read.");
        long id = source("/" + t + "/index.xml");

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("published")).isEqualTo(1);
        assertThat(RawTopic.onlyArticle(url("/a/" + t + "/fresh")).get("title").asText()).isEqualTo("Fresh " + t);
        site.verify(0, getRequestedFor(urlEqualTo("/" + t + "/archive.xml")));
        site.verify(0, getRequestedFor(urlEqualTo("/a/" + t + "/undated")));
    }

    @Test
    void anIndexInsideAnIndexIsFollowedAndALoopBackToTheTopIsNot() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String recent = "<lastmod>" + iso(now.minus(Duration.ofHours(1))) + "</lastmod>";
        xml("/" + t + "/index.xml", "<?xml version=\"1.0\"?><sitemapindex "
                + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>" + url("/" + t + "/news/index.xml") + "</loc>" + recent + "</sitemap></sitemapindex>");
        // the nested index lists a urlset and, by mistake, the top index again
        xml("/" + t + "/news/index.xml", "<?xml version=\"1.0\"?><sitemapindex "
                + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>" + url("/" + t + "/news/today.xml") + "</loc>" + recent + "</sitemap>"
                + "<sitemap><loc>" + url("/" + t + "/index.xml") + "</loc>" + recent + "</sitemap></sitemapindex>");
        xml("/" + t + "/news/today.xml", urlset(newsEntry(url("/n/" + t + "/nested"), now.minus(Duration.ofHours(2)),
                "Nested")));
        page("/n/" + t + "/nested", "Nested " + t, "An article two sitemap indexes down, long enough to read.");
        long id = source("/" + t + "/index.xml");

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("published")).isEqualTo(1);
        assertThat(RawTopic.onlyArticle(url("/n/" + t + "/nested")).get("title").asText()).isEqualTo("Nested " + t);
        site.verify(1, getRequestedFor(urlEqualTo("/" + t + "/index.xml")));
        site.verify(1, getRequestedFor(urlEqualTo("/" + t + "/news/index.xml")));
    }

    @Test
    void aSitemapRobotsDisallowsIsNotFetchedAndTheSourceSaysWhy() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        xml("/private/" + t + "/sitemap.xml", urlset());
        long id = source("/private/" + t + "/sitemap.xml");

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("robots_disallowed");
        assertThat(report.getString("error")).contains("robots.txt");
        site.verify(0, getRequestedFor(urlEqualTo("/private/" + t + "/sitemap.xml")));
        given().get("/sources/" + id).then().body("lastOutcome", org.hamcrest.Matchers.equalTo("robots_disallowed"))
                .body("consecutiveFailures", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aSitemapWithADoctypeIsRefusedAndItsExternalEntityNeverFetched() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        site.stubFor(get("/canary.dtd").willReturn(aResponse().withStatus(200).withBody("<!ENTITY x \"boom\">")));
        xml("/" + t + "/evil.xml", "<?xml version=\"1.0\"?><!DOCTYPE urlset SYSTEM \"" + url("/canary.dtd") + "\">"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>&x;</loc></url></urlset>");
        long id = source("/" + t + "/evil.xml");

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("parse_error");
        site.verify(0, getRequestedFor(urlEqualTo("/canary.dtd")));
    }
}
