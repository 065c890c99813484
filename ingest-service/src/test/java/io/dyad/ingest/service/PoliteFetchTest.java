package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agroal.api.AgroalDataSource;
import io.dyad.ingest.repository.SourceRepository;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.ingest.testing.TestFeeds.Item;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What servers say about polling is honoured: permanent moves, 410 Gone, Retry-After, max-age and RSS ttl. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class PoliteFetchTest {

    private static WireMockServer feeds;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SourceRepository sources;

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

    private static String feed(String token) {
        return TestFeeds.rss("Polite " + token, List.of(new Item("Item " + token, "https://polite.example/" + token,
                "Text.", null)));
    }

    private static void serveFeed(String path, String body, String... headers) {
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/rss+xml").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        feeds.stubFor(get(path).willReturn(response));
    }

    private static JsonPath source(long id) {
        return given().get("/sources/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static Duration untilNext(JsonPath report) {
        return Duration.between(Instant.parse(report.getString("fetchedAt")),
                Instant.parse(report.getString("nextFetchAt")));
    }

    @Test
    void aPermanentRedirectUpdatesTheStoredUrl() {
        String token = UUID.randomUUID().toString();
        feeds.stubFor(get("/" + token + "/old.xml").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/" + token + "/newer.xml")));
        feeds.stubFor(get("/" + token + "/newer.xml").willReturn(aResponse().withStatus(308)
                .withHeader("Location", url("/" + token + "/new.xml"))));
        serveFeed("/" + token + "/new.xml", feed(token));
        long id = FeedFetchTest.createSource("Moved " + token, url("/" + token + "/old.xml"));

        assertThat(FeedFetchTest.fetch(id).getString("outcome")).isEqualTo("ok");
        assertThat(source(id).getString("url")).isEqualTo(url("/" + token + "/new.xml"));

        FeedFetchTest.fetch(id); // straight to the new URL
        feeds.verify(1, getRequestedFor(urlEqualTo("/" + token + "/old.xml")));
        feeds.verify(2, getRequestedFor(urlEqualTo("/" + token + "/new.xml")));
    }

    @Test
    void aTemporaryRedirectKeepsTheStoredUrl() {
        String token = UUID.randomUUID().toString();
        feeds.stubFor(get("/" + token + "/feed.xml").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/" + token + "/step.xml")));
        feeds.stubFor(get("/" + token + "/step.xml").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/" + token + "/today.xml")));
        serveFeed("/" + token + "/today.xml", feed(token));
        long id = FeedFetchTest.createSource("Temp " + token, url("/" + token + "/feed.xml"));

        assertThat(FeedFetchTest.fetch(id).getString("outcome")).isEqualTo("ok");
        // the first hop was permanent, the second temporary: only the first move is remembered
        assertThat(source(id).getString("url")).isEqualTo(url("/" + token + "/step.xml"));
    }

    @Test
    void goneDisablesTheSourceAndTheSchedulerLeavesItAlone() throws Exception {
        String token = UUID.randomUUID().toString();
        feeds.stubFor(get("/" + token + "/gone.xml").willReturn(aResponse().withStatus(410)));
        long id = FeedFetchTest.createSource("Gone " + token, url("/" + token + "/gone.xml"));

        JsonPath report = FeedFetchTest.fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("http_error");
        assertThat(report.getString("error")).contains("410 Gone").contains("disabled");
        JsonPath s = source(id);
        assertThat(s.getString("status")).isEqualTo("DISABLED");
        assertThat(s.getInt("lastStatus")).isEqualTo(410);

        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE sources SET next_fetch_at = now() - interval '1 day' WHERE id = ?")) {
            update.setLong(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        List<Long> claimed = QuarkusTransaction.requiringNew().call(() ->
                sources.claimDue(Instant.now(), 1000, Instant.now().plus(Duration.ofMinutes(5))));
        assertThat(claimed).doesNotContain(id);
    }

    @Test
    void cacheControlMaxAgeLengthensTheNextPoll() {
        String token = UUID.randomUUID().toString();
        serveFeed("/" + token + "/cached.xml", feed(token), "Cache-Control", "public, max-age=7200");
        long id = FeedFetchTest.createSource("Cached " + token, url("/" + token + "/cached.xml"));

        JsonPath report = FeedFetchTest.fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(untilNext(report)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theRssTtlLengthensTheNextPoll() {
        String token = UUID.randomUUID().toString();
        serveFeed("/" + token + "/ttl.xml", feed(token).replace("<language>en</language>",
                "<language>en</language>\n    <ttl>90</ttl>"));
        long id = FeedFetchTest.createSource("Ttl " + token, url("/" + token + "/ttl.xml"));

        assertThat(untilNext(FeedFetchTest.fetch(id))).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void aShortMaxAgeDoesNotShortenThePollInterval() {
        String token = UUID.randomUUID().toString();
        serveFeed("/" + token + "/short.xml", feed(token), "Cache-Control", "max-age=30");
        long id = FeedFetchTest.createSource("Short " + token, url("/" + token + "/short.xml"));

        assertThat(untilNext(FeedFetchTest.fetch(id))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryAfterAsAnHttpDateDelaysTheNextPoll() {
        String token = UUID.randomUUID().toString();
        Instant at = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        feeds.stubFor(get("/" + token + "/busy.xml").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)))));
        long id = FeedFetchTest.createSource("Busy " + token, url("/" + token + "/busy.xml"));

        JsonPath report = FeedFetchTest.fetch(id);
        assertThat(report.getString("outcome")).isEqualTo("http_error");
        assertThat(Instant.parse(report.getString("nextFetchAt"))).isCloseTo(at, within(5, ChronoUnit.SECONDS));
    }
}
