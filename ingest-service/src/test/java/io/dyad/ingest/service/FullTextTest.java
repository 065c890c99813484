package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.testing.TestPages;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.ingest.testing.TestFeeds.Item;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sources with fullText on: short items get their page fetched (WireMock) and extracted before publishing. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class FullTextTest {

    private static WireMockServer site;

    @BeforeAll
    static void start() {
        site = Peers.wireMock();
    }

    @AfterAll
    static void stop() {
        site.stop();
    }

    private static String url(String path) {
        return Peers.url(site, path);
    }

    private static long createSource(String name, String feedUrl, boolean fullText) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "url", feedUrl, "fullText", fullText))
                .post("/sources").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static JsonNode published(String link) throws Exception {
        return RawTopic.onlyArticle(link);
    }

    @Test
    void aShortItemGetsTheTextOfItsPage() throws Exception {
        String token = UUID.randomUUID().toString();
        String shortLink = url("/" + token + "/harbour-pilots");
        String fullLink = url("/" + token + "/full");
        String goneLink = url("/" + token + "/gone");
        site.stubFor(get("/" + token + "/harbour-pilots").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(TestPages.page("article.html"))));
        site.stubFor(get("/" + token + "/gone").willReturn(aResponse().withStatus(404)));
        String longHtml = "<p>" + "The full story is already in the feed, sentence after sentence. ".repeat(15)
                + "</p>";
        site.stubFor(get("/" + token + "/feed.xml").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withBody(TestFeeds.rss("Courier " + token, List.of(
                        new Item("Harbour pilots agree new night shifts", shortLink, "Pilots agree a rota.", null),
                        new Item("Full story in the feed", fullLink, "Teaser.", longHtml),
                        new Item("Page gone", goneLink, "Only this short text.", null))))));
        long id = createSource("Courier " + token, url("/" + token + "/feed.xml"), true);

        var report = FeedFetchTest.fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("published")).isEqualTo(3);

        JsonNode pilots = published(shortLink);
        assertThat(pilots.get("text").asText()).startsWith("The harbour pilots' association agreed on Tuesday")
                .contains("What changes for ferries").doesNotContain("cookies");
        assertThat(pilots.get("summary").asText()).isEqualTo("Pilots agree a rota.");
        assertThat(pilots.get("url").asText()).isEqualTo(shortLink);
        assertThat(pilots.get("contentHash").asText()).isEqualTo(ArticleIds.contentHash(
                "Harbour pilots agree new night shifts", pilots.get("text").asText()));

        // long enough already: the page is never requested
        assertThat(published(fullLink).get("text").asText()).startsWith("The full story is already in the feed");
        site.verify(0, getRequestedFor(urlEqualTo("/" + token + "/full")));

        // the page fails: the feed's own text is published
        assertThat(published(goneLink).get("text").asText()).isEqualTo("Only this short text.");
        site.verify(1, getRequestedFor(urlEqualTo("/" + token + "/gone")));
    }

    @Test
    void withFullTextOffNoPageIsFetched() throws Exception {
        String token = UUID.randomUUID().toString();
        String link = url("/" + token + "/story");
        site.stubFor(get("/" + token + "/feed.xml").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withBody(TestFeeds.rss("Plain " + token, List.of(new Item("Story", link, "Short.", null))))));
        long id = createSource("Plain " + token, url("/" + token + "/feed.xml"), false);

        given().get("/sources/" + id).then().statusCode(200)
                .body("fullText", org.hamcrest.Matchers.equalTo(false));
        assertThat(FeedFetchTest.fetch(id).getInt("published")).isEqualTo(1);
        assertThat(published(link).get("text").asText()).isEqualTo("Short.");
        site.verify(0, getRequestedFor(urlEqualTo("/" + token + "/story")));
    }

    @Test
    void pagesRobotsTxtDisallowsAreNotFetched() throws Exception {
        WireMockServer guarded = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        guarded.start();
        try {
            String base = "http://127.0.0.1:" + guarded.port();
            guarded.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("User-agent: *\nDisallow: /\n\nUser-agent: DyadBot\nDisallow: /private/\n")));
            for (String path : List.of("/private/story", "/public/story")) {
                guarded.stubFor(get(path).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/html").withBody(TestPages.page("article.html"))));
            }
            String token = UUID.randomUUID().toString();
            guarded.stubFor(get("/feed.xml").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/rss+xml")
                    .withBody(TestFeeds.rss("Guarded " + token, List.of(
                            new Item("Private " + token, base + "/private/story", "Private teaser.", null),
                            new Item("Public " + token, base + "/public/story", "Public teaser.", null))))));
            long id = createSource("Guarded " + token, base + "/feed.xml", true);

            assertThat(FeedFetchTest.fetch(id).getInt("published")).isEqualTo(2);

            assertThat(published(base + "/private/story").get("text").asText()).isEqualTo("Private teaser.");
            assertThat(published(base + "/public/story").get("text").asText())
                    .startsWith("The harbour pilots' association agreed on Tuesday");
            guarded.verify(0, getRequestedFor(urlEqualTo("/private/story")));
            guarded.verify(1, getRequestedFor(urlEqualTo("/public/story")));
            guarded.verify(1, getRequestedFor(urlEqualTo("/robots.txt"))); // read once, then cached
        } finally {
            guarded.stop();
        }
    }
}
