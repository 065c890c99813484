package io.dyad.alert.messaging;

import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.alert.service.SubscriptionIndexHolder;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.TestKafka;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.contracts.TaggedArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Poison records go to dyad.articles.tagged.dlq with the reason, and consumption goes on. Real broker. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class DeadLetterTest {

    private static final String DLQ = Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX;

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionIndexHolder index;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        index.rebuild();
    }

    @Test
    void poisonRecordsGoToTheDlqWithTheReasonAndTheFlowContinues() throws Exception {
        String hook = WebhookReceiver.newHook();
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico", "filter", Map.of("pairs", List.of("US-MX")),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(hook))))
                .when().post("/subscriptions").then().statusCode(201);

        String good = TaggedArticleFixtures.usMexicoTrade().json();
        ObjectNode v2 = (ObjectNode) TaggedArticleFixtures.MAPPER.readTree(good);
        v2.put("schemaVersion", 2);
        ObjectNode noStory = (ObjectNode) TaggedArticleFixtures.MAPPER.readTree(
                TaggedArticleFixtures.usMexicoTrade().json());
        noStory.remove("storyId");

        String run = UUID.randomUUID().toString();
        Map<String, String[]> poison = new LinkedHashMap<>(); // key -> {value, expected reason}
        poison.put(run + "-json", new String[] {"{\"articleId\": \"abc\", ", "value is not valid JSON"});
        poison.put(run + "-v2", new String[] {v2.toString(),
                "unsupported schemaVersion 2: alert-service reads TaggedArticle v1"});
        poison.put(run + "-missing", new String[] {noStory.toString(),
                "TaggedArticle is missing required field(s): storyId"});
        poison.put(run + "-array", new String[] {"[]", "value is not a JSON object"});
        for (Map.Entry<String, String[]> p : poison.entrySet()) {
            TestKafka.send(Topics.ARTICLES_TAGGED, p.getKey(), p.getValue()[0]);
        }
        TaggedArticle after = TaggedArticleFixtures.usMexicoTrade().build();
        TestKafka.send(Topics.ARTICLES_TAGGED, after.articleId(), TaggedArticleFixtures.json(after));

        List<ConsumerRecord<String, String>> dead = TestKafka.readUntil(DLQ,
                r -> r.key() != null && r.key().startsWith(run), poison.size(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(poison.size());
        for (ConsumerRecord<String, String> record : dead) {
            String[] expected = poison.get(record.key());
            assertThat(record.value()).isEqualTo(expected[0]);
            assertThat(header(record, "dead-letter-reason")).as(record.key()).contains(expected[1]);
            assertThat(header(record, "dead-letter-topic")).isEqualTo(Topics.ARTICLES_TAGGED);
        }

        // the good record after the poison ones is still processed and alerted
        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiver.calls(hook).size() == 1);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM articles WHERE article_id = ?",
                after.articleId())).isEqualTo(1);
    }

    @Test
    void anArticleTheDatabaseRefusesGoesToTheDlqAndTheOthersOfItsBatchAreStored() throws Exception {
        String hook = WebhookReceiver.newHook();
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico", "filter", Map.of("pairs", List.of("US-MX")),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(hook))))
                .when().post("/subscriptions").then().statusCode(201);
        // valid JSON and a valid TaggedArticle, but PostgreSQL refuses a NUL character in text and jsonb: the batch
        // transaction fails for a reason that does not pass, so its articles are stored one by one
        TaggedArticle refused = TaggedArticleFixtures.usMexicoTrade().build();
        ObjectNode nul = (ObjectNode) TaggedArticleFixtures.MAPPER.readTree(TaggedArticleFixtures.json(refused));
        nul.put("title", "Mexico and the United States\u0000 agree");
        TaggedArticle before = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle after = TaggedArticleFixtures.usMexicoTrade().build();
        TestKafka.send(Topics.ARTICLES_TAGGED, before.articleId(), TaggedArticleFixtures.json(before));
        TestKafka.send(Topics.ARTICLES_TAGGED, refused.articleId(), nul.toString());
        TestKafka.send(Topics.ARTICLES_TAGGED, after.articleId(), TaggedArticleFixtures.json(after));

        List<ConsumerRecord<String, String>> dead = TestKafka.readUntil(DLQ,
                r -> refused.articleId().equals(r.key()), 1, Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("could not store article "
                + refused.articleId());
        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiver.calls(hook).size() == 2);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM articles WHERE article_id IN (?, ?)",
                before.articleId(), after.articleId())).isEqualTo(2);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM articles WHERE article_id = ?",
                refused.articleId())).isZero();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
