package io.dyad.alert.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.alert.service.SubscriptionIndexHolder;
import io.dyad.alert.auth.Caller;
import io.dyad.alert.delivery.WebhookSignature;
import io.dyad.alert.support.StandardWebhooksVerifier;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.TestKafka;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.contracts.TaggedArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer and the delivery worker end to end, on the real broker, the real database and a WireMock webhook:
 * TaggedArticle JSON is produced to dyad.articles.tagged with a plain KafkaProducer, as classify-service would.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class AlertFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionIndexHolder index;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        index.rebuild();
    }

    private static String subscribe(String name, List<String> pairs, List<String> countries, List<String> issues,
            String hookPath) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", name, "filter", Map.of("pairs", pairs, "countries", countries, "issues", issues),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(hookPath))))
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    private static void publish(TaggedArticle article) {
        TestKafka.send(Topics.ARTICLES_TAGGED, article.articleId(), TaggedArticleFixtures.json(article));
    }

    private void awaitStored(TaggedArticle article) {
        await().atMost(WAIT).until(() -> TestDatabase.count(dataSource,
                "SELECT count(*) FROM articles WHERE article_id = ?", article.articleId()) == 1);
    }

    private static List<LoggedRequest> awaitCalls(String hookPath, int count) {
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hookPath).size() >= count);
        return WebhookReceiver.calls(hookPath);
    }

    private static JsonPath deliveries(String subscriptionId) {
        return asAdmin().when().get("/subscriptions/" + subscriptionId + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
    }

    private double articleCount(String result) {
        var counter = registry.find("dyad.alert.articles").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void alertsAreSignedWithTheSecretShownOnceAndARotationSignsWithBothUntilTheGraceEnds() {
        String hook = WebhookReceiver.newHook();
        var created = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "signed", "filter", Map.of("pairs", List.of("US-MX")),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(hook))))
                .when().post("/subscriptions").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("channel.secret");
        assertThat(secret).startsWith("whsec_");
        // shown once: never again in a read
        asAdmin().when().get("/subscriptions/" + id).then().statusCode(200)
                .body("channel.secret", org.hamcrest.Matchers.nullValue());

        publish(TaggedArticleFixtures.usMexicoTrade().build());
        LoggedRequest first = awaitCalls(hook, 1).get(0);
        assertThat(verifies(secret, first)).isTrue();
        assertThat(first.getHeader("webhook-signature").split(" ")).hasSize(1);

        var rotated = asAdmin().when().post("/subscriptions/" + id + "/secret").then().statusCode(200)
                .extract().jsonPath();
        String newSecret = rotated.getString("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(Instant.parse(rotated.getString("previousSecretValidUntil")))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));

        publish(TaggedArticleFixtures.usMexicoTrade().build());
        LoggedRequest second = awaitCalls(hook, 2).get(1);
        assertThat(second.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(newSecret, second)).isTrue();
        assertThat(verifies(secret, second)).isTrue();

        // once the grace period is over only the new secret signs
        TestDatabase.execute(dataSource, "UPDATE subscriptions SET previous_secret_until = now() - interval '1 s'"
                + " WHERE id = '" + id + "'");
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        LoggedRequest third = awaitCalls(hook, 3).get(2);
        assertThat(verifies(newSecret, third)).isTrue();
        assertThat(verifies(secret, third)).isFalse();
    }

    private static boolean verifies(String secret, LoggedRequest call) {
        return StandardWebhooksVerifier.verify(secret, call.getHeader("webhook-id"),
                call.getHeader("webhook-timestamp"), call.getBody(), call.getHeader("webhook-signature"),
                Instant.now().getEpochSecond());
    }

    @Test
    void aUsMexicoArticleSendsExactlyOneWebhookWithTheAlertShape() throws Exception {
        String hook = WebhookReceiver.newHook();
        String subscriptionId = subscribe("US–Mexico trade", List.of("US-MX"), List.of(),
                List.of("trade", "migration"), hook);
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
        long before = Instant.now().getEpochSecond();

        publish(article);

        LoggedRequest call = awaitCalls(hook, 1).get(0);
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        JsonNode alert = TaggedArticleFixtures.MAPPER.readTree(call.getBodyAsString());
        assertThat(fieldNames(alert)).containsExactly("id", "subscription", "article", "matched", "evidence");
        assertThat(call.getHeader("webhook-id")).isEqualTo(alert.get("id").asText());
        assertThat(Long.parseLong(call.getHeader("webhook-timestamp"))).isBetween(before - 1,
                Instant.now().getEpochSecond() + 1);

        assertThat(fieldNames(alert.get("subscription"))).containsExactly("id", "name");
        assertThat(alert.at("/subscription/id").asText()).isEqualTo(subscriptionId);
        assertThat(alert.at("/subscription/name").asText()).isEqualTo("US–Mexico trade");

        JsonNode a = alert.get("article");
        assertThat(fieldNames(a)).containsExactly("articleId", "storyId", "title", "url", "source", "publishedAt",
                "language");
        assertThat(a.get("articleId").asText()).isEqualTo(article.articleId());
        assertThat(a.get("storyId").asText()).isEqualTo(article.storyId());
        assertThat(a.get("title").asText()).isEqualTo(TaggedArticleFixtures.US_MX_TITLE);
        assertThat(a.get("url").asText()).isEqualTo(article.url());
        assertThat(a.get("source").asText()).isEqualTo("Example Wire");
        assertThat(Instant.parse(a.get("publishedAt").asText())).isEqualTo(article.publishedAt());
        assertThat(a.get("language").asText()).isEqualTo("en");

        assertThat(fieldNames(alert.get("matched"))).containsExactly("pairs", "issues");
        assertThat(strings(alert.at("/matched/pairs"))).containsExactly("MX-US");
        assertThat(strings(alert.at("/matched/issues"))).containsExactly("migration", "trade");

        JsonNode evidence = alert.get("evidence");
        assertThat(evidence.size()).isBetween(2, 5);
        assertThat(evidence.get(0).get("text").asText()).isEqualTo("Officials from Mexico and the United States");
        for (JsonNode e : evidence) {
            assertThat(fieldNames(e)).containsExactly("field", "start", "end", "text");
            String field = e.get("field").asText().equals("title") ? article.title() : article.text();
            assertThat(field.substring(e.get("start").asInt(), e.get("end").asInt())).isEqualTo(e.get("text").asText());
        }
        assertThat(strings(evidence)).doesNotHaveDuplicates();

        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(subscriptionId).getString("[0].status")));
        JsonPath d = deliveries(subscriptionId);
        assertThat(d.getList("$")).hasSize(1);
        assertThat(d.getString("[0].id")).isEqualTo(alert.get("id").asText());
        assertThat(d.getInt("[0].attempts")).isEqualTo(1);
        assertThat(d.getString("[0].lastError")).isNull();
        assertThat(d.getInt("[0].lastStatusCode")).isEqualTo(204);
        assertThat(d.getString("[0].sentAt")).isNotNull();
        assertThat(Duration.parse(d.getString("[0].latency"))).isLessThan(Duration.ofSeconds(10));
        assertThat(Duration.parse(d.getString("[0].publicationLatency"))).isGreaterThan(Duration.ofSeconds(59));

        // Kafka redelivers the same record: stored once, still one alert
        double duplicatesBefore = articleCount("duplicate");
        publish(article);
        await().atMost(WAIT).until(() -> articleCount("duplicate") > duplicatesBefore);
        Thread.sleep(1500);
        assertThat(WebhookReceiver.calls(hook)).hasSize(1);
        assertThat(deliveries(subscriptionId).getList("$")).hasSize(1);
    }

    @Test
    void theSameStoryFromAnotherOutletDoesNotAlertTwice() throws Exception {
        String hook = WebhookReceiver.newHook();
        String subscriptionId = subscribe("US–Mexico", List.of("MX-US"), List.of(), List.of(), hook);
        TaggedArticle first = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle second = TaggedArticleFixtures.usMexicoTrade().storyId(first.storyId()).source("Other Wire")
                .build();
        assertThat(second.articleId()).isNotEqualTo(first.articleId());

        publish(first);
        awaitCalls(hook, 1);
        publish(second);
        awaitStored(second);
        Thread.sleep(1500);

        assertThat(WebhookReceiver.calls(hook)).hasSize(1);
        assertThat(deliveries(subscriptionId).getList("$")).hasSize(1);
        assertThat(deliveries(subscriptionId).getString("[0].articleId")).isEqualTo(first.articleId());
    }

    @Test
    void aJapanBrazilArticleSendsNothing() throws Exception {
        String hook = WebhookReceiver.newHook();
        String subscriptionId = subscribe("US–Mexico", List.of("US-MX"), List.of(), List.of(), hook);
        TaggedArticle article = TaggedArticleFixtures.japanBrazilTrade().build();

        publish(article);
        awaitStored(article);
        Thread.sleep(1500);

        assertThat(WebhookReceiver.calls(hook)).isEmpty();
        assertThat(deliveries(subscriptionId).getList("$")).isEmpty();
    }

    @Test
    void anIssueFilterTheArticleMissesSendsNothing() throws Exception {
        String hook = WebhookReceiver.newHook();
        subscribe("US–Mexico elections", List.of("US-MX"), List.of(), List.of("elections"), hook);
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();

        publish(article);
        awaitStored(article);
        Thread.sleep(1500);

        assertThat(WebhookReceiver.calls(hook)).isEmpty();
    }

    @Test
    void aCountrySubscriptionMatchesOnItsCountry() throws Exception {
        String hook = WebhookReceiver.newHook();
        subscribe("Mexico trade", List.of(), List.of("MX"), List.of("trade"), hook);

        publish(TaggedArticleFixtures.usMexicoTrade().build());

        JsonNode alert = TaggedArticleFixtures.MAPPER.readTree(awaitCalls(hook, 1).get(0).getBodyAsString());
        assertThat(strings(alert.at("/matched/pairs"))).isEmpty();
        assertThat(strings(alert.at("/matched/issues"))).containsExactly("trade");
        assertThat(strings(alert.get("evidence"))).contains("Mexico", "trade accord");
    }

    @Test
    void aWebhookAnswering500IsRetriedAndThenSent() {
        String hook = "/hooks/" + UUID.randomUUID();
        var wm = WebhookReceiver.server();
        wm.stubFor(post(urlPathEqualTo(hook)).inScenario(hook).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("database on fire"))
                .willSetStateTo("recovered"));
        wm.stubFor(post(urlPathEqualTo(hook)).inScenario(hook).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        String subscriptionId = subscribe("US–Mexico", List.of("US-MX"), List.of(), List.of("trade"), hook);

        publish(TaggedArticleFixtures.usMexicoTrade().build());

        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(subscriptionId).getString("[0].status")));
        JsonPath d = deliveries(subscriptionId);
        assertThat(d.getInt("[0].attempts")).isEqualTo(2);
        assertThat(d.getString("[0].lastError")).isEqualTo("HTTP 500: database on fire");
        List<LoggedRequest> calls = WebhookReceiver.calls(hook);
        assertThat(calls).hasSize(2);
        // the webhook-id is stable across retries, so receivers can drop repeats
        assertThat(calls.get(0).getHeader("webhook-id")).isEqualTo(calls.get(1).getHeader("webhook-id"))
                .isEqualTo(d.getString("[0].id"));
        Duration gap = Duration.between(calls.get(0).getLoggedDate().toInstant(),
                calls.get(1).getLoggedDate().toInstant());
        assertThat(gap).isBetween(Duration.ofMillis(4400), Duration.ofSeconds(8));
    }

    @Test
    void retryAfterIsHonoured() {
        String hook = "/hooks/" + UUID.randomUUID();
        var wm = WebhookReceiver.server();
        wm.stubFor(post(urlPathEqualTo(hook)).inScenario(hook).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo(hook)).inScenario(hook).whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(202)));
        String subscriptionId = subscribe("US–Mexico", List.of("US-MX"), List.of(), List.of(), hook);

        publish(TaggedArticleFixtures.usMexicoTrade().build());

        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(subscriptionId).getString("[0].status")));
        List<LoggedRequest> calls = WebhookReceiver.calls(hook);
        assertThat(calls).hasSize(2);
        Duration gap = Duration.between(calls.get(0).getLoggedDate().toInstant(),
                calls.get(1).getLoggedDate().toInstant());
        // Retry-After: 1 instead of the scheduled 5 s, and the rate-limited call is not counted as an attempt
        assertThat(gap).isBetween(Duration.ofMillis(900), Duration.ofMillis(4000));
        assertThat(deliveries(subscriptionId).getInt("[0].attempts")).isEqualTo(1);
    }

    @Test
    void aDeletedSubscriptionGetsNothing() throws Exception {
        String hook = WebhookReceiver.newHook();
        String subscriptionId = subscribe("US–Mexico", List.of("US-MX"), List.of(), List.of(), hook);
        asAdmin().when().delete("/subscriptions/" + subscriptionId).then().statusCode(204);
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();

        publish(article);
        awaitStored(article);
        Thread.sleep(1500);

        assertThat(WebhookReceiver.calls(hook)).isEmpty();
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries")).isZero();
    }

    @Test
    void aSubscriptionWrittenByAnotherReplicaIsPickedUpByTheScheduledRefresh() {
        String hook = WebhookReceiver.newHook();
        // another replica inserts the row: this replica only learns of it from the periodic index refresh
        TestDatabase.execute(dataSource, "INSERT INTO subscriptions (id, owner_id, signing_secret, name, pairs,"
                + " countries, issues, channel_type, channel_url) VALUES ('" + UUID.randomUUID() + "', '"
                + Caller.ADMIN_USER_ID + "', '" + WebhookSignature.newSecret() + "', 'other replica', '{MX-US}',"
                + " '{}', '{}', 'webhook', '" + WebhookReceiver.url(hook) + "')");
        await().atMost(WAIT).until(() -> index.current().size() == 1);

        publish(TaggedArticleFixtures.usMexicoTrade().build());

        assertThat(awaitCalls(hook, 1)).hasSize(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.isObject() ? n.get("text").asText() : n.asText());
        }
        return out;
    }
}
