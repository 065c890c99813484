package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.Peers;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.ingest.testing.TestFeeds.Item;
import io.dyad.testsupport.ContractValidator;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /sources/{id}/fetch against feeds served by WireMock, publishing to the real broker. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class FeedFetchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer feeds;

    @BeforeAll
    static void startFeeds() {
        feeds = Peers.wireMock();
    }

    @AfterAll
    static void stopFeeds() {
        feeds.stop();
    }

    private static String feedUrl(String path) {
        return "http://127.0.0.1:" + feeds.port() + path;
    }

    static long createSource(String name, String url) {
        return given().contentType(ContentType.JSON)
                // fixed interval (both bounds PT5M): these tests check schedules, not adaptation
                .body(Map.of("name", name, "url", url, "type", "rss", "pollInterval", "PT5M",
                        "maxPollInterval", "PT5M"))
                .post("/sources").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static JsonPath fetch(long id) {
        return given().when().post("/sources/" + id + "/fetch")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    private static String articleId(String link) {
        return ArticleIds.articleId(ArticleIds.canonicalUrl(link));
    }

    private static void serve(String path, String body) {
        feeds.stubFor(get(path).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withBody(body)));
    }

    @Test
    void eachNewItemIsPublishedOnceKeyedByArticleIdAndValidAgainstTheContract() throws Exception {
        String token = UUID.randomUUID().toString();
        String link1 = "https://wire.example/" + token + "/port-strike?utm_source=rss";
        String link2 = "https://wire.example/" + token + "/ferry";
        serve("/" + token + "/feed.xml", TestFeeds.rss("Wire " + token, List.of(
                new Item("Port strike ends after talks", link1, "Dock workers return <b>on Monday</b>.",
                        "<p>Dock workers return on Monday.</p><p>The agreement raises night pay.</p>"),
                new Item("Ferry timetable changes", link2, "The morning ferry leaves earlier.", null))));
        long id = createSource("Wire " + token, feedUrl("/" + token + "/feed.xml"));

        JsonPath report = fetch(id);
        assertThat(report.getInt("httpStatus")).isEqualTo(200);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("items")).isEqualTo(2);
        assertThat(report.getInt("published")).isEqualTo(2);
        assertThat(report.getInt("duplicates")).isZero();
        assertThat(report.getBoolean("notModified")).isFalse();

        List<String> keys = List.of(articleId(link1), articleId(link2));
        List<ConsumerRecord<String, String>> records = RawTopic.withKeys(keys);
        assertThat(records).hasSize(2);
        Map<String, JsonNode> byKey = records.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> {
            ContractValidator.assertValid(ContractValidator.RAW_ARTICLE, r.value());
            try {
                return JSON.readTree(r.value());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }));
        JsonNode first = byKey.get(articleId(link1));
        assertThat(first.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(first.get("articleId").asText()).isEqualTo(articleId(link1));
        assertThat(first.get("storyId").asText()).isEqualTo(articleId(link1));
        assertThat(first.get("url").asText()).isEqualTo(link1);
        assertThat(first.get("canonicalUrl").asText()).isEqualTo("https://wire.example/" + token + "/port-strike");
        assertThat(first.get("title").asText()).isEqualTo("Port strike ends after talks");
        assertThat(first.get("text").asText())
                .isEqualTo("Dock workers return on Monday.\n\nThe agreement raises night pay.");
        assertThat(first.get("summary").asText()).isEqualTo("Dock workers return on Monday.");
        assertThat(first.get("language").asText()).isEqualTo("en");
        assertThat(first.get("authors").get(0).asText()).isEqualTo("Test Desk");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2026-03-04T10:00:00Z");
        assertThat(Instant.parse(first.get("fetchedAt").asText())).isAfter(Instant.now().minusSeconds(60));
        assertThat(first.get("contentHash").asText()).isEqualTo(ArticleIds.contentHash(
                "Port strike ends after talks", "Dock workers return on Monday.\n\nThe agreement raises night pay."));
        assertThat(first.get("source").get("id").asText()).isEqualTo(String.valueOf(id));
        assertThat(first.get("source").get("name").asText()).isEqualTo("Wire " + token);
        assertThat(first.get("source").get("type").asText()).isEqualTo("rss");
        assertThat(byKey.get(articleId(link2)).get("text").asText()).isEqualTo("The morning ferry leaves earlier.");

        JsonPath again = fetch(id);
        assertThat(again.getInt("items")).isEqualTo(2);
        assertThat(again.getInt("published")).isZero();
        assertThat(again.getInt("duplicates")).isEqualTo(2);
        assertThat(RawTopic.withKeys(keys)).hasSize(2);

        given().when().get("/sources/" + id).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("lastStatus", equalTo(200))
                .body("lastOutcome", equalTo("ok"))
                .body("lastError", nullValue())
                .body("consecutiveFailures", equalTo(0));
        JsonPath source = given().when().get("/sources/" + id).then().extract().jsonPath();
        Instant lastFetch = Instant.parse(source.getString("lastFetchAt"));
        assertThat(Duration.between(lastFetch, Instant.parse(source.getString("nextFetchAt"))))
                .isEqualTo(Duration.ofMinutes(5));

        // a source whose articles were published can be removed; what it published stays deduplicated
        given().delete("/sources/" + id).then().statusCode(204);
        given().get("/sources/" + id).then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("url", link1, "title", "Port strike ends after talks", "text", "Posted again."))
                .post("/articles").then().statusCode(202)
                .body("status", equalTo("duplicate"))
                .body("articleId", equalTo(articleId(link1)));
    }

    @Test
    void anUnchangedFeedAnswers304AndNothingIsParsedOrPublished() {
        String token = UUID.randomUUID().toString();
        String path = "/" + token + "/etag.xml";
        String link = "https://wire.example/" + token + "/only";
        feeds.stubFor(get(path).atPriority(1).withHeader("If-None-Match", WireMock.equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
        feeds.stubFor(get(path).atPriority(2).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withHeader("ETag", "\"v1\"")
                .withHeader("Last-Modified", "Wed, 04 Mar 2026 10:00:00 GMT")
                .withBody(TestFeeds.rss("ETag", List.of(new Item("Only item", link, "Text.", null))))));
        long id = createSource("ETag " + token, feedUrl(path));

        JsonPath first = fetch(id);
        assertThat(first.getInt("httpStatus")).isEqualTo(200);
        assertThat(first.getInt("published")).isEqualTo(1);
        feeds.verify(1, getRequestedFor(urlEqualTo(path)).withHeader("If-None-Match", absent()));

        JsonPath second = fetch(id);
        assertThat(second.getInt("httpStatus")).isEqualTo(304);
        assertThat(second.getString("outcome")).isEqualTo("not_modified");
        assertThat(second.getBoolean("notModified")).isTrue();
        assertThat(second.getInt("items")).isZero();
        assertThat(second.getInt("published")).isZero();
        assertThat(second.getInt("duplicates")).isZero();
        feeds.verify(1, getRequestedFor(urlEqualTo(path))
                .withHeader("If-None-Match", WireMock.equalTo("\"v1\""))
                .withHeader("If-Modified-Since", WireMock.equalTo("Wed, 04 Mar 2026 10:00:00 GMT")));
        assertThat(RawTopic.withKeys(List.of(articleId(link)))).hasSize(1);
        given().when().get("/sources/" + id).then()
                .body("lastStatus", equalTo(304))
                .body("lastOutcome", equalTo("not_modified"))
                .body("consecutiveFailures", equalTo(0));
    }

    @Test
    void theSameStoryUnderAnotherUrlJoinsTheFirstArticlesStory() throws Exception {
        String token = UUID.randomUUID().toString();
        String original = "https://wire.example/" + token + "/original";
        String syndicated = "https://mirror.example/" + token + "/copy";
        String html = "<p>The same wire story, word for word.</p>";
        serve("/" + token + "/feed.xml", TestFeeds.rss("Wire", List.of(
                new Item("Same story", original, "Lead.", html),
                new Item("Same story", syndicated, "Other lead.", html))));
        long id = createSource("Story " + token, feedUrl("/" + token + "/feed.xml"));

        assertThat(fetch(id).getInt("published")).isEqualTo(2);

        Map<String, JsonNode> byKey = RawTopic.withKeys(List.of(articleId(original), articleId(syndicated))).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> read(r.value())));
        assertThat(byKey.get(articleId(original)).get("storyId").asText()).isEqualTo(articleId(original));
        assertThat(byKey.get(articleId(syndicated)).get("storyId").asText()).isEqualTo(articleId(original));
    }

    @Test
    void failuresAreRecordedOnTheSourceWithBackoffUntilItRecovers() {
        String token = UUID.randomUUID().toString();
        String path = "/" + token + "/flaky.xml";
        feeds.stubFor(get(path).willReturn(aResponse().withStatus(500).withBody("oops")));
        long id = createSource("Flaky " + token, feedUrl(path));

        Duration previousWait = Duration.ZERO;
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonPath report = fetch(id);
            assertThat(report.getString("outcome")).isEqualTo("http_error");
            assertThat(report.getInt("httpStatus")).isEqualTo(500);
            assertThat(report.getString("error")).isEqualTo("HTTP 500 from " + feedUrl(path));
            Duration wait = Duration.between(Instant.parse(report.getString("fetchedAt")),
                    Instant.parse(report.getString("nextFetchAt")));
            assertThat(wait).isGreaterThan(previousWait);
            previousWait = wait;
            given().when().get("/sources/" + id).then()
                    .body("consecutiveFailures", equalTo(attempt))
                    .body("lastStatus", equalTo(500))
                    .body("lastError", equalTo("HTTP 500 from " + feedUrl(path)))
                    .body("status", equalTo(attempt < 3 ? "ACTIVE" : "FAILING"))
                    .body("backoff", equalTo(wait.toString()));
        }
        assertThat(previousWait).isEqualTo(Duration.ofMinutes(20));

        serve(path, TestFeeds.rss("Back", List.of(new Item("Back online", "https://wire.example/" + token + "/back",
                "Recovered.", null))));
        JsonPath recovered = fetch(id);
        assertThat(recovered.getString("outcome")).isEqualTo("ok");
        assertThat(recovered.getInt("published")).isEqualTo(1);
        given().when().get("/sources/" + id).then()
                .body("status", equalTo("ACTIVE"))
                .body("consecutiveFailures", equalTo(0))
                .body("backoff", nullValue())
                .body("lastError", nullValue())
                .body("lastOutcome", equalTo("ok"));
    }

    @Test
    void aPageThatIsNotAFeedIsAParseError() {
        String token = UUID.randomUUID().toString();
        String path = "/" + token + "/page.html";
        feeds.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><p>Not a feed</p></body></html>")));
        long id = createSource("Page " + token, feedUrl(path));

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("parse_error");
        assertThat(report.getInt("httpStatus")).isEqualTo(200);
        assertThat(report.getString("error")).isEqualTo("the response is an HTML page, not an RSS or Atom feed");
        given().when().get("/sources/" + id).then()
                .body("lastOutcome", equalTo("parse_error"))
                .body("consecutiveFailures", equalTo(1))
                .body("lastError", containsString("HTML page"));
    }

    @Test
    void aFeedWithADoctypeAndAnExternalEntityIsRefusedAndPublishesNothing() throws IOException {
        String token = UUID.randomUUID().toString();
        String path = "/" + token + "/evil.xml";
        String evil;
        try (InputStream in = getClass().getResourceAsStream("/feeds/doctype-external-entity.xml")) {
            evil = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        serve(path, evil.replace("https://evil.example/leak", "https://evil.example/" + token + "/leak"));
        long id = createSource("Evil " + token, feedUrl(path));

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("parse_error");
        assertThat(report.getString("error")).contains("DOCTYPE");
        assertThat(report.getInt("published")).isZero();
        assertThat(RawTopic.withKeys(List.of(articleId("https://evil.example/" + token + "/leak")))).isEmpty();
    }

    @Test
    void redirectsAreFollowed() {
        String token = UUID.randomUUID().toString();
        feeds.stubFor(get("/" + token + "/old.xml").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/" + token + "/new.xml")));
        serve("/" + token + "/new.xml", TestFeeds.rss("Moved", List.of(
                new Item("Moved item", "https://wire.example/" + token + "/moved", "Text.", null))));
        long id = createSource("Moved " + token, feedUrl("/" + token + "/old.xml"));

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("published")).isEqualTo(1);
    }

    @Test
    void anUnreachableFeedIsANetworkError() {
        long id = createSource("Closed " + UUID.randomUUID(), "http://127.0.0.1:9/" + UUID.randomUUID() + ".xml");

        JsonPath report = fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("network_error");
        assertThat(report.getString("httpStatus")).isNull();
        assertThat(report.getString("error")).contains("cannot connect to 127.0.0.1:9");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

}
