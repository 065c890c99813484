package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.Peers;
import io.agroal.api.AgroalDataSource;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.repository.SourceRepository;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.ingest.testing.TestFeeds.Item;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduler on its own: due sources are claimed (SKIP LOCKED + lease) and fetched; failures stay local. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class SchedulerTest {

    private static WireMockServer feeds;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SourceRepository sources;

    @Inject
    SourceStateStore store;

    @Inject
    Scheduler scheduler;

    @BeforeAll
    static void startFeeds() {
        feeds = Peers.wireMock();
    }

    @AfterAll
    static void stopFeeds() {
        feeds.stop();
    }

    /** New sources wait an hour in the test profile; this makes them due now, as time passing would. */
    private void makeDue(List<Long> ids, Duration ago) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE sources SET next_fetch_at = now() - ?::interval WHERE id = ANY (?)")) {
            update.setString(1, ago.toSeconds() + " seconds");
            Array array = c.createArrayOf("bigint", ids.toArray());
            update.setArray(2, array);
            assertThat(update.executeUpdate()).isEqualTo(ids.size());
        }
    }

    @Test
    void theSchedulerFetchesDueSourcesOnItsOwnAndAFailingSourceDoesNotStopTheOthers() throws Exception {
        String token = UUID.randomUUID().toString();
        String goodPath = "/" + token + "/good.xml";
        String badPath = "/" + token + "/bad.xml";
        String link = "https://wire.example/" + token + "/scheduled";
        feeds.stubFor(get(goodPath).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withBody(TestFeeds.rss("Scheduled", List.of(new Item("Fetched by the scheduler", link,
                        "Nobody asked for this fetch.", null))))));
        feeds.stubFor(get(badPath).willReturn(aResponse().withStatus(503).withBody("down")));
        // the failing source is claimed first: it must not keep the good one from being fetched
        long bad = FeedFetchTest.createSource("Bad " + token, "http://127.0.0.1:" + feeds.port() + badPath);
        long good = FeedFetchTest.createSource("Good " + token, "http://127.0.0.1:" + feeds.port() + goodPath);
        makeDue(List.of(bad), Duration.ofMinutes(2));
        makeDue(List.of(good), Duration.ofMinutes(1));
        Instant madeDue = Instant.now();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(given().get("/sources/" + good).jsonPath().getString("lastFetchAt")).isNotNull();
            assertThat(given().get("/sources/" + bad).jsonPath().getString("lastFetchAt")).isNotNull();
        });

        JsonPath goodSource = given().get("/sources/" + good).jsonPath();
        assertThat(goodSource.getString("lastOutcome")).isEqualTo("ok");
        assertThat(goodSource.getInt("lastStatus")).isEqualTo(200);
        assertThat(Instant.parse(goodSource.getString("nextFetchAt"))).isAfter(madeDue.plus(Duration.ofMinutes(4)));
        String articleId = ArticleIds.articleId(ArticleIds.canonicalUrl(link));
        assertThat(RawTopic.withKeys(List.of(articleId))).hasSize(1);

        JsonPath badSource = given().get("/sources/" + bad).jsonPath();
        assertThat(badSource.getString("lastOutcome")).isEqualTo("http_error");
        assertThat(badSource.getInt("lastStatus")).isEqualTo(503);
        assertThat(badSource.getInt("consecutiveFailures")).isEqualTo(1);
        assertThat(Instant.parse(badSource.getString("nextFetchAt"))).isAfter(madeDue);

        // each was fetched once: after the fetch the source is not due again for its poll interval
        Thread.sleep(2500);
        feeds.verify(1, getRequestedFor(urlEqualTo(goodPath)));
        feeds.verify(1, getRequestedFor(urlEqualTo(badPath)));
    }

    @Test
    void concurrentClaimsSkipEachOthersSourcesAndTheLeaseKeepsThemOff() throws Exception {
        scheduler.pause("poll-due-sources");
        try {
            Thread.sleep(1500); // let a tick that already started finish
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                mine.add(FeedFetchTest.createSource("Claim " + i, "http://127.0.0.1:9/" + UUID.randomUUID() + ".xml"));
            }
            makeDue(mine, Duration.ofDays(1)); // older than anything else due, so first in line

            CountDownLatch claimedByA = new CountDownLatch(1);
            CountDownLatch releaseA = new CountDownLatch(1);
            CompletableFuture<List<Long>> replicaA = CompletableFuture.supplyAsync(() ->
                    QuarkusTransaction.requiringNew().call(() -> {
                        Instant now = Instant.now();
                        List<Long> ids = sources.claimDue(now, 5, now.plus(Duration.ofMinutes(5)));
                        claimedByA.countDown();
                        releaseA.await(20, TimeUnit.SECONDS); // hold the row locks, as a replica mid-claim does
                        return ids;
                    }));
            assertThat(claimedByA.await(20, TimeUnit.SECONDS)).isTrue();

            List<Long> claimedByB = store.claimDue(Instant.now(), 100); // replica B, while A's claim is open
            releaseA.countDown();
            List<Long> claimedA = replicaA.get(20, TimeUnit.SECONDS);

            assertThat(claimedA).hasSize(5).allMatch(mine::contains);
            Set<Long> bMine = new HashSet<>(claimedByB);
            bMine.retainAll(mine);
            assertThat(bMine).hasSize(7).doesNotContainAnyElementsOf(claimedA);

            // both claims committed their leases: nobody gets these sources again until the lease ends
            List<Long> again = store.claimDue(Instant.now(), 100);
            assertThat(again).doesNotContainAnyElementsOf(mine);
            List<Long> afterLease = store.claimDue(Instant.now().plus(Duration.ofMinutes(6)), 100);
            assertThat(afterLease).containsAll(mine);

            for (Long id : mine) {
                given().delete("/sources/" + id).then().statusCode(204);
            }
        } finally {
            scheduler.resume("poll-due-sources");
        }
    }
}
