package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
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

/** Language and country hints of a source, and JSON Feed sources, end to end to the broker. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class SourceHintsTest {

    private static WireMockServer feeds;

    @BeforeAll
    static void start() {
        feeds = Peers.wireMock();
    }

    @AfterAll
    static void stop() {
        feeds.stop();
    }

    private static String url(String path) {
        return Peers.url(feeds, path);
    }

    private static JsonNode published(String link) throws Exception {
        return RawTopic.onlyArticle(link);
    }

    @Test
    void hintsAreShownAndCarriedIntoEachArticle() throws Exception {
        String token = UUID.randomUUID().toString();
        String link = "https://diario.example/" + token;
        feeds.stubFor(get("/" + token + "/rss").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withBody(TestFeeds.rss("Diario " + token, List.of(new Item("Acuerdo fronterizo " + token, link,
                        "Los gobiernos firmaron.", null))).replace("<language>en</language>", ""))));
        long id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Diario " + token, "url", url("/" + token + "/rss"), "language", "ES",
                        "country", "mx"))
                .post("/sources").then().statusCode(201)
                .body("language", equalTo("es")).body("country", equalTo("MX"))
                .extract().jsonPath().getLong("id");

        assertThat(FeedFetchTest.fetch(id).getInt("published")).isEqualTo(1);

        JsonNode article = published(link);
        assertThat(article.get("language").asText()).isEqualTo("es"); // the feed says nothing: the hint
        assertThat(article.at("/source/country").asText()).isEqualTo("MX");
        assertThat(article.at("/source/language").asText()).isEqualTo("es");
        assertThat(article.at("/source/id").asText()).isEqualTo(String.valueOf(id));
    }

    @Test
    void badHintsAreRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "url", url("/bad-language"), "language", "Spanish"))
                .post("/sources").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ISO 639"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "url", url("/bad-country"), "country", "XX"))
                .post("/sources").then().statusCode(400)
                .body("detail", containsString("ISO 3166-1 alpha-2"));
    }

    @Test
    void aJsonFeedSourceIsPublishedLikeAnyOther() throws Exception {
        String token = UUID.randomUUID().toString();
        String link = "https://ledger.example/" + token;
        feeds.stubFor(get("/" + token + "/feed.json").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/feed+json")
                .withBody("""
                        {"version":"https://jsonfeed.org/version/1.1","title":"Ledger","language":"en",
                         "items":[{"id":"%s","url":"%s","title":"Water deal %s",
                                   "content_html":"<p>The two states signed.</p>",
                                   "date_published":"2026-03-04T10:00:00Z","authors":[{"name":"M. Gomez"}]}]}
                        """.formatted(link, link, token))));
        long id = FeedFetchTest.createSource("Ledger " + token, url("/" + token + "/feed.json"));

        assertThat(FeedFetchTest.fetch(id).getInt("published")).isEqualTo(1);
        JsonNode article = published(link);
        assertThat(article.get("text").asText()).isEqualTo("The two states signed.");
        assertThat(article.get("authors").get(0).asText()).isEqualTo("M. Gomez");
        assertThat(article.get("publishedAt").asText()).isEqualTo("2026-03-04T10:00:00Z");
    }
}
