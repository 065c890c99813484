package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.Peers;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poll bounds in the API, the interval adapting to how often a feed publishes (within the bounds, never shorter
 * than a server's hint), items per day and the failure backoff in the source's health, and the per-source metrics.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class AdaptivePollingTest {

    private static WireMockServer feeds;

    @BeforeAll
    static void start() {
        feeds = Peers.wireMock();
    }

    @AfterAll
    static void stop() {
        feeds.stop();
    }

    /** An RSS feed of {@code n} items, one every {@code gap} back from now (undated when gap is null). */
    private static String feed(String token, int n, Duration gap) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                + "<link>https://wire.example/</link><description>d</description>");
        Instant now = Instant.now();
        for (int i = 1; i <= n; i++) {
            xml.append("<item><title>Item ").append(i).append("</title><link>https://wire.example/").append(token)
                    .append("/").append(i).append("</link><description>Text ").append(i).append(".</description>");
            if (gap != null) {
                xml.append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        now.minus(gap.multipliedBy(i)).atOffset(ZoneOffset.UTC))).append("</pubDate>");
            }
            xml.append("</item>");
        }
        return xml.append("</channel></rss>").toString();
    }

    private static long source(String token, String path, String body, String min, String max, String... headers) {
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/rss+xml").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        feeds.stubFor(get(path).willReturn(response));
        Map<String, Object> req = new HashMap<>(Map.of("name", "Adaptive " + token, "url", Peers.url(feeds, path)));
        if (min != null) {
            req.put("minPollInterval", min);
        }
        if (max != null) {
            req.put("maxPollInterval", max);
        }
        return given().contentType(ContentType.JSON).body(req).post("/sources").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static Duration untilNext(JsonPath report) {
        return Duration.between(Instant.parse(report.getString("fetchedAt")),
                Instant.parse(report.getString("nextFetchAt")));
    }

    @Test
    void theIntervalFollowsHowOftenTheFeedPublishesWithinTheBounds() {
        String t = UUID.randomUUID().toString();
        // an item every 30 minutes over the last 6 hours: 48 a day, a 30-minute gap
        long regular = source(t, "/" + t + "/regular.xml", feed(t + "r", 12, Duration.ofMinutes(30)), "PT5M", "PT2H");
        given().get("/sources/" + regular).then()
                .body("pollInterval", equalTo("PT5M")) // starts at the lower bound
                .body("minPollInterval", equalTo("PT5M")).body("maxPollInterval", equalTo("PT2H"))
                .body("itemsPerDay", nullValue());
        JsonPath report = FeedFetchTest.fetch(regular);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(untilNext(report)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
        JsonPath s = given().get("/sources/" + regular).jsonPath();
        assertThat(s.getDouble("itemsPerDay")).isBetween(47.0, 49.0);
        assertThat(Duration.parse(s.getString("pollInterval"))).isBetween(Duration.ofMinutes(29),
                Duration.ofMinutes(31));

        // a feed publishing every minute stays at the lower bound
        long busy = source(t, "/" + t + "/busy.xml", feed(t + "b", 30, Duration.ofMinutes(1)), "PT10M", "PT2H");
        assertThat(untilNext(FeedFetchTest.fetch(busy))).isEqualTo(Duration.ofMinutes(10));

        // a feed whose items are all weeks old goes to the upper bound
        long quiet = source(t, "/" + t + "/quiet.xml", feed(t + "q", 5, Duration.ofDays(20)), "PT5M", "PT3H");
        assertThat(untilNext(FeedFetchTest.fetch(quiet))).isEqualTo(Duration.ofHours(3));
        given().get("/sources/" + quiet).then().body("itemsPerDay", equalTo(0.0f)).body("pollInterval",
                equalTo("PT3H"));
    }

    @Test
    void aServerHintIsNeverUndercutByTheAdaptiveInterval() {
        String t = UUID.randomUUID().toString();
        long busy = source(t, "/" + t + "/cached.xml", feed(t, 30, Duration.ofMinutes(1)), "PT5M", "PT2H",
                "Cache-Control", "max-age=10800");
        assertThat(untilNext(FeedFetchTest.fetch(busy))).isEqualTo(Duration.ofHours(3));
        given().get("/sources/" + busy).then().body("pollInterval", equalTo("PT5M"));
    }

    @Test
    void undatedItemsAreCountedAsTheyArrive() {
        String t = UUID.randomUUID().toString();
        // 6 new items on the first day: 6 a day, a 4-hour gap, capped by the upper bound of 3 hours
        long undated = source(t, "/" + t + "/undated.xml", feed(t, 6, null), "PT5M", "PT3H");
        assertThat(untilNext(FeedFetchTest.fetch(undated))).isEqualTo(Duration.ofHours(3));
        given().get("/sources/" + undated).then().body("itemsPerDay", equalTo(6.0f));
    }

    @Test
    void boundsAreValidatedAndDefaulted() {
        String t = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "url", "https://b.example/" + t,
                        "minPollInterval", "PT30M", "maxPollInterval", "PT10M"))
                .post("/sources").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("maxPollInterval"))
                .body("detail", equalTo("maxPollInterval (PT10M) must not be shorter than the lower bound (PT30M)"));
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "url", "https://b.example/" + t,
                        "maxPollInterval", "P3D"))
                .post("/sources").then().statusCode(400)
                .body("detail", equalTo("maxPollInterval must be between PT1M and P1D, not P3D"));
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "url", "https://b.example/" + t,
                        "minPollInterval", "soon"))
                .post("/sources").then().statusCode(400).body("errors[0].field", equalTo("minPollInterval"));
        // no upper bound given: dyad.ingest.poll.default-max-interval (PT1H), never below the lower bound
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "url", "https://b.example/" + t + "/a"))
                .post("/sources").then().statusCode(201)
                .body("minPollInterval", equalTo("PT5M")).body("maxPollInterval", equalTo("PT1H"));
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "url", "https://b.example/" + t + "/b",
                        "pollInterval", "PT2H"))
                .post("/sources").then().statusCode(201)
                .body("minPollInterval", equalTo("PT2H")).body("maxPollInterval", equalTo("PT2H"));
    }

    @Test
    void perSourceAndPerHostMetricsAppearAndLeaveWithTheSource() {
        String t = UUID.randomUUID().toString();
        long id = source(t, "/" + t + "/m.xml", feed(t, 3, Duration.ofHours(1)), null, null);
        feeds.stubFor(get("/" + t + "/missing.xml").willReturn(aResponse().withStatus(404)));
        long broken = FeedFetchTest.createSource("Missing " + t, Peers.url(feeds, "/" + t + "/missing.xml"));
        FeedFetchTest.fetch(id);
        FeedFetchTest.fetch(broken);

        String tags = "host=\"127.0.0.1\",source=\"" + id + "\"";
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("dyad_ingest_source_fetch_duration_seconds_count{" + tags + "} 1.0")
                .contains("dyad_ingest_source_responses_total{" + tags + ",status=\"200\"} 1.0")
                .contains("dyad_ingest_source_items_total{" + tags + "} 3.0")
                .contains("dyad_ingest_source_errors_total{" + tags + "} 0.0")
                .containsPattern("dyad_ingest_source_bytes_total\\{" + tags.replace("\"", "\\\"") + "\\} [1-9]")
                .contains("dyad_ingest_source_responses_total{host=\"127.0.0.1\",source=\"" + broken
                        + "\",status=\"404\"} 1.0")
                .contains("dyad_ingest_source_errors_total{host=\"127.0.0.1\",source=\"" + broken + "\"} 1.0");
        // no URL or path ever becomes a tag
        assertThat(metrics).doesNotContain(t);

        given().delete("/sources/" + id).then().statusCode(204);
        assertThat(given().get("/q/metrics").then().extract().asString()).doesNotContain("source=\"" + id + "\"");
    }
}
