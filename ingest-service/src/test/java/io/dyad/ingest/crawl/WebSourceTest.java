package io.dyad.ingest.crawl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.TestPages;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code web} sources against WireMock: a listing page, links by CSS selector or URL pattern, robots.txt. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class WebSourceTest {

    private WireMockServer site;

    @BeforeEach
    void start() {
        site = Peers.wireMock();
        site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "text/plain").withBody("User-agent: DyadBot\nDisallow: /members/\n")));
    }

    @AfterEach
    void stop() {
        site.stop();
    }

    private void html(String path, String body) {
        site.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "text/html; charset=utf-8").withBody(body)));
    }

    private void article(String path, String title) {
        html(path, TestPages.article(title, title + " is the first paragraph of this article.\n\nA second paragraph "
                + "says more about " + title + ", with enough words to be the main text.", "2026-11-27T08:00:00Z"));
    }

    private static String listing(String... links) {
        StringBuilder h = new StringBuilder("<html><body><nav><a href=\"/\">Home</a><a href=\"/world/\">World</a>"
                + "<a href=\"https://elsewhere.example/ad\">Ad</a></nav><main>");
        for (String l : links) {
            h.append("<article><h2><a href=\"").append(l).append("\">Headline</a></h2><p>Teaser <a href=\"/tag/x\">"
                    + "tag</a></p></article>");
        }
        return h.append("</main></body></html>").toString();
    }

    private long source(String path, String selector, String pattern) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Web " + UUID.randomUUID(),
                "url", Peers.url(site, path), "type", "web"));
        if (selector != null) {
            body.put("linkSelector", selector);
        }
        if (pattern != null) {
            body.put("linkPattern", pattern);
        }
        return given().contentType(ContentType.JSON).body(body).post("/sources").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static JsonPath fetch(long id) {
        return given().post("/sources/" + id + "/fetch").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void linksMatchedByTheSelectorAreFetchedExtractedAndPublishedOnce() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        html("/" + t + "/latest", listing("/" + t + "/story-one", "/" + t + "/story-two", "/members/" + t + "/paid"));
        article("/" + t + "/story-one", "Story one " + t);
        article("/" + t + "/story-two", "Story two " + t);
        long id = source("/" + t + "/latest", "article h2 a", null);
        given().get("/sources/" + id).then().body("linkSelector", equalTo("article h2 a"));

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("items")).isEqualTo(3);
        assertThat(report.getInt("published")).isEqualTo(2);
        assertThat(report.getInt("skipped")).isEqualTo(1); // /members/ is disallowed for DyadBot

        JsonNode one = RawTopic.onlyArticle(Peers.url(site, "/" + t + "/story-one"));
        assertThat(one.get("title").asText()).isEqualTo("Story one " + t);
        assertThat(one.get("text").asText()).startsWith("Story one " + t + " is the first paragraph")
                .doesNotContain("Copyright");
        assertThat(one.get("publishedAt").asText()).isEqualTo("2026-11-27T08:00:00Z");
        assertThat(one.get("source").get("type").asText()).isEqualTo("web");
        site.verify(0, getRequestedFor(urlEqualTo("/tag/x")));
        site.verify(0, getRequestedFor(urlEqualTo("/world/")));
        site.verify(0, getRequestedFor(urlEqualTo("/members/" + t + "/paid")));

        // a new link on the listing: only that page is fetched on the next run
        html("/" + t + "/latest", listing("/" + t + "/story-three", "/" + t + "/story-one", "/" + t + "/story-two"));
        article("/" + t + "/story-three", "Story three " + t);
        JsonPath again = fetch(id);
        assertThat(again.getInt("published")).isEqualTo(1);
        assertThat(again.getInt("duplicates")).isEqualTo(2);
        site.verify(1, getRequestedFor(urlEqualTo("/" + t + "/story-one")));
        site.verify(1, getRequestedFor(urlEqualTo("/" + t + "/story-three")));
    }

    @Test
    void aUrlPatternAloneSelectsArticleLinks() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        html("/" + t + "/", listing("/news/2026/" + t + "-budget", "/video/" + t + "-clip"));
        article("/news/2026/" + t + "-budget", "Budget " + t);
        long id = source("/" + t + "/", null, "/news/\\d{4}/");

        JsonPath report = fetch(id);
        assertThat(report.getInt("items")).isEqualTo(1);
        assertThat(report.getInt("published")).isEqualTo(1);
        RawTopic.onlyArticle(Peers.url(site, "/news/2026/" + t + "-budget"));
        site.verify(0, getRequestedFor(urlEqualTo("/video/" + t + "-clip")));
    }

    @Test
    void opmlExportListsOnlyFeeds() {
        String t = UUID.randomUUID().toString();
        long web = source("/" + t + "/listing", "h2 a", null);
        String feedUrl = "https://feeds.example/" + t + "/rss";
        given().contentType(ContentType.JSON).body(Map.of("name", "Feed " + t, "url", feedUrl)).post("/sources")
                .then().statusCode(201);
        String opml = given().get("/sources/export").then().statusCode(200).extract().asString();
        assertThat(opml).contains(feedUrl).doesNotContain(Peers.url(site, "/" + t + "/listing"));
        given().get("/sources/" + web).then().body("type", equalTo("web"));
    }

    @Test
    void webSourceSettingsAreValidated() {
        Map<String, Object> base = Map.of("name", "W", "url", "https://w.example/" + UUID.randomUUID(), "type", "web");
        given().contentType(ContentType.JSON).body(base).post("/sources").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("linkSelector"))
                .body("detail", containsString("linkSelector"));
        Map<String, Object> badSelector = new HashMap<>(base);
        badSelector.put("linkSelector", "article >> ((");
        given().contentType(ContentType.JSON).body(badSelector).post("/sources").then().statusCode(400)
                .body("detail", containsString("is not a valid CSS selector"));
        Map<String, Object> badPattern = new HashMap<>(base);
        badPattern.put("linkPattern", "/news/(");
        given().contentType(ContentType.JSON).body(badPattern).post("/sources").then().statusCode(400)
                .body("errors[0].field", equalTo("linkPattern"))
                .body("detail", containsString("is not a valid regular expression"));
        given().contentType(ContentType.JSON).body(Map.of("name", "R", "url", "https://r.example/" + UUID.randomUUID(),
                        "linkSelector", "a")).post("/sources").then().statusCode(400)
                .body("detail", equalTo("linkSelector and linkPattern are only for sources of type \"web\""));
        given().contentType(ContentType.JSON).body(Map.of("name", "X", "url", "https://x.example/" + UUID.randomUUID(),
                        "type", "ftp")).post("/sources").then().statusCode(400)
                .body("detail", containsString("supported types: rss, sitemap, web"));
    }
}
