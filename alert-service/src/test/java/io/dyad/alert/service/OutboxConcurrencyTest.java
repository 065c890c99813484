package io.dyad.alert.service;

import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.alert.model.DeliveryStatus;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.contracts.TaggedArticle;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox under concurrency, on the real database: one row per story, and no row sent twice. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class OutboxConcurrencyTest {

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionIndexHolder index;

    @Inject
    ArticleIntakeService intake;

    @Inject
    DeliveryService deliveries;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        index.rebuild();
    }

    private static String subscribe(String hook) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico", "filter", Map.of("pairs", List.of("MX-US")),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(hook))))
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    @Test
    void tenOutletsWithTheSameStoryAtOnceQueueOneDelivery() throws Exception {
        String hook = WebhookReceiver.newHook();
        String subscriptionId = subscribe(hook);
        String storyId = TaggedArticleFixtures.usMexicoTrade().build().articleId();
        List<TaggedArticle> outlets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outlets.add(TaggedArticleFixtures.usMexicoTrade().storyId(storyId).source("Outlet " + i).build());
        }

        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<IntakeResult>> results = new ArrayList<>();
        for (TaggedArticle article : outlets) {
            results.add(pool.submit(() -> intake.store(article)));
        }
        int queued = 0;
        for (Future<IntakeResult> result : results) {
            IntakeResult r = result.get();
            assertThat(r.newArticle()).isTrue();
            assertThat(r.matches()).isEqualTo(1);
            queued += r.queued();
        }
        pool.shutdown();

        assertThat(queued).isEqualTo(1);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM articles WHERE story_id = ?", storyId))
                .isEqualTo(10);
        assertThat(TestDatabase.count(dataSource,
                "SELECT count(*) FROM deliveries WHERE subscription_id = ?::uuid", subscriptionId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> WebhookReceiver.calls(hook).size() == 1);
    }

    @Test
    void concurrentWorkersNeverSendARowTwice() throws Exception {
        String hook = WebhookReceiver.newHook();
        String subscriptionId = subscribe(hook);
        int rows = 60;
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
            String json = TaggedArticleFixtures.json(article).replace("'", "''");
            sql.append("INSERT INTO articles (article_id, story_id, title, url, payload) VALUES ('")
                    .append(article.articleId()).append("', '").append(article.storyId()).append("', 't', 'u', '")
                    .append(json).append("'::jsonb);");
            // due in a second, so the claimers below and the application's own worker all start on them together
            sql.append("INSERT INTO deliveries (id, subscription_id, story_id, article_id, channel_type, matched_pairs,"
                    + " next_attempt_at) VALUES ('").append(UUID.randomUUID()).append("', '").append(subscriptionId)
                    .append("', '").append(article.storyId()).append("', '").append(article.articleId())
                    .append("', 'webhook', '{MX-US}', now() + interval '1 second');");
        }
        TestDatabase.execute(dataSource, sql.toString());

        // four more workers besides the application's own loop, claiming small batches at the same time
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(() -> {
                int sent = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline
                        && TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE status = 'PENDING'")
                                > 0) {
                    List<ClaimedDelivery> claimed = deliveries.claimDue(3);
                    for (ClaimedDelivery c : claimed) {
                        if (deliveries.attempt(c) == DeliveryStatus.SENT) {
                            sent++;
                        }
                    }
                    if (claimed.isEmpty()) {
                        Thread.sleep(20);
                    }
                }
                return sent;
            });
        }
        int sentByTestWorkers = 0;
        for (Future<Integer> f : pool.invokeAll(workers)) {
            sentByTestWorkers += f.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(15)).until(() -> TestDatabase.count(dataSource,
                "SELECT count(*) FROM deliveries WHERE status = 'SENT' AND attempts = 1") == rows);
        List<LoggedRequest> calls = WebhookReceiver.calls(hook);
        Set<String> ids = calls.stream().map(c -> c.getHeader("webhook-id")).collect(Collectors.toSet());
        assertThat(calls).hasSize(rows);
        assertThat(ids).hasSize(rows);
        assertThat(sentByTestWorkers).isPositive();
    }
}
