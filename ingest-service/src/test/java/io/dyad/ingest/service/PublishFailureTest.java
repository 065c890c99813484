package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.Peers;
import io.agroal.api.AgroalDataSource;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.ingest.testing.TestFeeds.Item;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An article the broker refuses is not marked seen: the real producer is limited to small records here, so a long
 * article fails to publish while short ones go through.
 */
@QuarkusTest
@TestProfile(PublishFailureTest.SmallRecordsProfile.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class PublishFailureTest {

    /** The producer refuses records over 4 KB (RecordTooLargeException), a real broker-side failure path. */
    public static class SmallRecordsProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.articles-raw.max.request.size", "4096");
        }
    }

    private static final String LONG_TEXT = "A paragraph that is far too long for the limit. ".repeat(200);
    private static WireMockServer feeds;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startFeeds() {
        feeds = Peers.wireMock();
    }

    @AfterAll
    static void stopFeeds() {
        feeds.stop();
    }

    private boolean seen(String articleId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM seen_articles WHERE article_id = ?")) {
            q.setString(1, articleId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void aSubmissionTheBrokerRefusesIsA503AndLeavesNoTrace() throws Exception {
        String url = "https://news.example/" + UUID.randomUUID() + "/long";
        String articleId = ArticleIds.articleId(ArticleIds.canonicalUrl(url));

        given().contentType(ContentType.JSON).body(Map.of("url", url, "title", "Long", "text", LONG_TEXT))
                .when().post("/articles")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", endsWith("/publish-failed"))
                .body("detail", containsString("the broker did not acknowledge article " + articleId));
        assertThat(seen(articleId)).isFalse();
        assertThat(RawTopic.withKeys(List.of(articleId))).isEmpty();

        // not marked seen, so a retry that fits is published, not reported as a duplicate
        given().contentType(ContentType.JSON).body(Map.of("url", url, "title", "Long", "text", "Now short."))
                .when().post("/articles")
                .then().statusCode(202)
                .body("status", equalTo("published"));
        assertThat(seen(articleId)).isTrue();
        assertThat(RawTopic.withKeys(List.of(articleId))).hasSize(1);
    }

    @Test
    void aFeedItemTheBrokerRefusesIsRetriedOnTheNextFetch() throws Exception {
        String token = UUID.randomUUID().toString();
        String path = "/" + token + "/feed.xml";
        String shortLink = "https://wire.example/" + token + "/short";
        String longLink = "https://wire.example/" + token + "/long";
        feeds.stubFor(get(path).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withHeader("ETag", "\"same\"")
                .withBody(TestFeeds.rss("Mixed", List.of(
                        new Item("Short", shortLink, "Fits.", null),
                        new Item("Long", longLink, "Does not fit.", "<p>" + LONG_TEXT + "</p>"))))));
        long id = FeedFetchTest.createSource("Mixed " + token, "http://127.0.0.1:" + feeds.port() + path);

        JsonPath first = FeedFetchTest.fetch(id);
        assertThat(first.getString("outcome")).isEqualTo("publish_error");
        assertThat(first.getInt("published")).isEqualTo(1);
        assertThat(first.getInt("failed")).isEqualTo(1);
        assertThat(first.getString("error")).startsWith("1 of 2 new articles were not published and will be retried");
        String longId = ArticleIds.articleId(ArticleIds.canonicalUrl(longLink));
        assertThat(seen(longId)).isFalse();
        // our pipeline failed, not the source: no failure count, normal schedule
        given().get("/sources/" + id).then()
                .body("status", equalTo("ACTIVE"))
                .body("consecutiveFailures", equalTo(0))
                .body("lastOutcome", equalTo("publish_error"));

        JsonPath second = FeedFetchTest.fetch(id);
        // the ETag was not stored, so the feed is downloaded in full and the failed item tried again
        feeds.verify(2, getRequestedFor(urlEqualTo(path)).withHeader("If-None-Match", absent()));
        assertThat(second.getInt("httpStatus")).isEqualTo(200);
        assertThat(second.getInt("duplicates")).isEqualTo(1);
        assertThat(second.getInt("published")).isZero();
        assertThat(second.getInt("failed")).isEqualTo(1);
        assertThat(RawTopic.withKeys(List.of(ArticleIds.articleId(ArticleIds.canonicalUrl(shortLink))))).hasSize(1);
    }
}
