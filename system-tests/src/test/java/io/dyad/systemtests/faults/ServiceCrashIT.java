package io.dyad.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.Topics;
import io.dyad.systemtests.ServiceProcess;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code kill -9} of each service in turn while {@value #DEFAULT_ARTICLES} articles (-Ddyad.faults.articles) flow to two
 * webhook subscriptions, with the receiver failing the first attempt of one delivery in five (so retries are pending
 * when the kill comes); then the service is started again. Every expected alert arrives, each story has one
 * webhook-id per subscription, and nothing else arrives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceCrashIT extends FaultTest {

    private static final int ARTICLES = FaultSystem.ARTICLES;


    @BeforeAll
    void start() {
        system = FaultSystem.startWithRetriesPending("service-crash", FaultSystem.INGEST);
    }

    @Test
    @Order(1)
    void killingIngestWhileItPollsFeedsLosesNoArticleAndSendsNoDuplicate() {
        subscriptions.addAll(system.twoUsMexicoWebhooks("ingest-kill"));
        int feeds = 20;
        try (Feeds served = new Feeds(system.run, feeds, Math.max(1, ARTICLES / feeds))) {
            long started = System.nanoTime();
            for (String url : served.urls()) {
                FaultSystem.api(system.live(FaultSystem.INGEST)).contentType(ContentType.JSON).body("""
                        {"name":"%s","url":"%s","type":"rss","pollInterval":"PT1M"}""".formatted(url, url))
                        .when().post("/sources").then().statusCode(201);
            }
            Set<String> itemIds = served.itemUrls().stream().map(u -> ArticleIds.articleId(ArticleIds.canonicalUrl(u)))
                    .collect(Collectors.toSet());
            FaultSystem.awaitOrFail(() -> rawCount(itemIds) >= itemIds.size() / 4, Duration.ofSeconds(120 + ARTICLES / 20), "a quarter published");
            int before = rawCount(itemIds);
            ServiceProcess ingest = system.live(FaultSystem.INGEST);
            ingest.kill();
            System.out.println("[faults] ingest killed after " + before + " of " + itemIds.size() + " articles");
            ingest.start(FaultSystem.START_TIMEOUT);

            FaultSystem.awaitOrFail(() -> rawCount(itemIds) == itemIds.size(), Duration.ofSeconds(180 + ARTICLES / 10), "every feed item published");
            Tally tally = system.awaitDelivered(subscriptions, Duration.ofSeconds(240 + ARTICLES / 10));
            FaultSystem.report("kill -9 ingest", tally, started);
            assertThat(tally.expected()).isEqualTo(itemIds.size() * subscriptions.size());
            assertComplete(tally, false);
        }
    }

    @Test
    @Order(2)
    void killingClassifyMidStreamLosesNothingAndSendsNoDuplicate() {
        subscriptions.addAll(system.twoUsMexicoWebhooks("classify-kill"));
        List<RawArticle> articles = system.usMexicoArticles("classify");
        long started = System.nanoTime();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> system.publish(articles));
        Set<String> ids = articles.stream().map(RawArticle::articleId).collect(Collectors.toSet());
        FaultSystem.awaitOrFail(() -> taggedCount(ids) >= ids.size() / 4, Duration.ofSeconds(120 + ARTICLES / 20), "a quarter tagged");
        ServiceProcess classify = system.live(FaultSystem.CLASSIFY);
        classify.kill();
        System.out.println("[faults] classify killed after " + taggedCount(ids) + " of " + ids.size() + " tagged");
        classify.start(FaultSystem.START_TIMEOUT);
        publishing.join();

        Tally tally = system.awaitDelivered(subscriptions, Articles.storiesOf(articles)::contains, Duration.ofSeconds(240 + ARTICLES / 10));
        FaultSystem.report("kill -9 classify", tally, started);
        assertThat(tally.expected()).isEqualTo(articles.size() * subscriptions.size());
        assertComplete(tally, false);
    }

    @Test
    @Order(3)
    void killingAlertWhileDeliveriesAreMidRetryLosesNothing() {
        subscriptions.addAll(system.twoUsMexicoWebhooks("alert-kill"));
        List<RawArticle> articles = system.usMexicoArticles("alert");
        long started = System.nanoTime();
        system.publish(articles);
        int target = articles.size() * subscriptions.size();
        FaultSystem.awaitOrFail(() -> successes() >= target / 3, Duration.ofSeconds(120 + ARTICLES / 20), "a third delivered");
        ServiceProcess alert = system.live(FaultSystem.ALERT);
        long refusedSoFar = system.callsTo(subscriptions).stream().filter(c -> !c.success()).count();
        alert.kill();
        System.out.println("[faults] alert killed after " + successes() + " of " + target + " deliveries, "
                + refusedSoFar + " first attempts refused so far");
        alert.start(FaultSystem.START_TIMEOUT);

        Tally tally = system.awaitDelivered(subscriptions, Articles.storiesOf(articles)::contains, Duration.ofSeconds(240 + ARTICLES / 10));
        FaultSystem.report("kill -9 alert", tally, started);
        assertThat(tally.expected()).isEqualTo(target);
        assertComplete(tally, true);
    }

    private long successes() {
        return system.successes(subscriptions);
    }

    private int rawCount(Set<String> ids) {
        return distinctKeys(Topics.ARTICLES_RAW, ids);
    }

    private int taggedCount(Set<String> ids) {
        return distinctKeys(Topics.ARTICLES_TAGGED, ids);
    }

    private int distinctKeys(String topic, Set<String> ids) {
        Set<String> seen = new HashSet<>();
        system.readAll(topic).forEach(r -> {
            if (ids.contains(r.key())) {
                seen.add(r.key());
            }
        });
        return seen.size();
    }

    /**
     * All delivered, nothing unexpected, one webhook-id per story and subscription. A send the receiver answered
     * just before alert-service died is sent again after the restart with the same webhook-id (at-least-once, as
     * Standard Webhooks expects); when {@code repeatsAllowed}, at most one per parallel sender, otherwise none.
     */
    private static void assertComplete(Tally tally, boolean repeatsAllowed) {
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        assertThat(tally.repeatedSuccesses()).as(tally.toString()).isLessThanOrEqualTo(repeatsAllowed ? 8 : 0);
    }
}
