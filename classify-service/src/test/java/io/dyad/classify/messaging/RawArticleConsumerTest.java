package io.dyad.classify.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.classify.Fixtures;
import io.dyad.classify.Fixtures.Article;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.ContractValidator;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

/** The consumer over the real in-process broker: raw articles in, tagged articles and dead letters out. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
class RawArticleConsumerTest {

    private static final String DLQ = Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX;

    @Inject
    ObjectMapper mapper;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void aRawArticleComesOutTaggedWithItsPairAndValidatesAgainstTheContract() throws Exception {
        RawArticle raw = raw(Fixtures.article("us-mexico-trade"), null);
        String value = mapper.writeValueAsString(raw);
        ContractValidator.assertValid(ContractValidator.RAW_ARTICLE, value);

        try (Listener tagged = new Listener(Topics.ARTICLES_TAGGED)) {
            send(raw.articleId(), value);
            ConsumerRecord<String, String> record = tagged.next(raw.articleId());

            ContractValidator.assertValid(ContractValidator.TAGGED_ARTICLE, record.value());
            JsonNode json = mapper.readTree(record.value());
            assertThat(json.get("articleId").asText()).isEqualTo(raw.articleId());
            assertThat(json.get("title").asText()).isEqualTo(raw.title());
            assertThat(json.get("language").asText()).isEqualTo("en");
            assertThat(json.get("classifierVersion").asText()).isEqualTo("dyad-classify-4");
            assertThat(json.get("classifiedAt").asText()).endsWith("Z");
            assertThat(json.findValuesAsText("pair")).containsExactly("MX-US");
            assertThat(json.get("countries").findValuesAsText("code")).contains("MX", "US");
            assertThat(json.get("issues").get(0).get("id").asText()).isEqualTo("trade");
        }
    }

    @Test
    void theFeedLanguageIsKeptAndSpanishIsClassifiedWithSpanishLexicons() throws Exception {
        RawArticle raw = raw(Fixtures.article("es-frontera"), "es");
        try (Listener tagged = new Listener(Topics.ARTICLES_TAGGED)) {
            send(raw.articleId(), mapper.writeValueAsString(raw));
            JsonNode json = mapper.readTree(tagged.next(raw.articleId()).value());
            assertThat(json.get("language").asText()).isEqualTo("es");
            assertThat(json.findValuesAsText("pair")).containsExactly("MX-US");
            assertThat(json.get("issues").findValuesAsText("id")).contains("border");
        }
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithAReasonAndTheNextRecordStillFlows() throws Exception {
        String notJsonKey = "poison-" + UUID.randomUUID();
        String v2Key = "poison-" + UUID.randomUUID();
        String missingKey = "poison-" + UUID.randomUUID();
        RawArticle good = raw(Fixtures.article("japan-brazil-trade"), null);
        String v2 = mapper.writeValueAsString(good).replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThat(v2).contains("\"schemaVersion\":2");
        String missingTitle = mapper.writeValueAsString(good).replaceFirst("\"title\":\"[^\"]*\",", "");

        try (Listener dead = new Listener(DLQ); Listener tagged = new Listener(Topics.ARTICLES_TAGGED)) {
            // same key as the good record for one of them: same partition, so the good record comes after the poison
            send(good.articleId(), "this is { not JSON");
            send(notJsonKey, "<rss>not json either</rss>");
            send(v2Key, v2);
            send(missingKey, missingTitle);
            send(good.articleId(), mapper.writeValueAsString(good));

            assertThat(reason(dead.next(notJsonKey))).startsWith("not JSON");
            assertThat(reason(dead.next(v2Key))).isEqualTo(
                    "unsupported schemaVersion 2 (this consumer reads RawArticle v1)");
            assertThat(reason(dead.next(missingKey))).isEqualTo("missing or invalid required fields: title");
            ConsumerRecord<String, String> deadLetter = dead.next(good.articleId());
            assertThat(deadLetter.value()).isEqualTo("this is { not JSON");
            assertThat(header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.ARTICLES_RAW);

            JsonNode json = mapper.readTree(tagged.next(good.articleId()).value());
            assertThat(json.findValuesAsText("pair")).contains("BR-JP").doesNotContain("MX-US");
            ContractValidator.assertValid(ContractValidator.TAGGED_ARTICLE, tagged.next(good.articleId()).value());
        }
    }

    @Test
    void aBurstWithPoisonInItTagsEveryGoodRecordOnceAndCommitsEveryOffset() throws Exception {
        List<RawArticle> good = new ArrayList<>();
        List<String> poison = new ArrayList<>();
        try (Listener dead = new Listener(DLQ); Listener tagged = new Listener(Topics.ARTICLES_TAGGED)) {
            // sent without waiting, so the consumer polls them in a few large polls with poison among them
            for (int i = 0; i < 120; i++) {
                if (i % 10 == 5) {
                    String key = "poison-" + UUID.randomUUID();
                    poison.add(key);
                    producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, key, "{\"schemaVersion\":1,\"n\":" + i + "}"));
                } else {
                    RawArticle raw = raw(Fixtures.article(i % 2 == 0 ? "us-mexico-trade" : "japan-brazil-trade"), null);
                    good.add(raw);
                    producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, raw.articleId(),
                            mapper.writeValueAsString(raw)));
                }
            }
            producer.flush();

            for (RawArticle raw : good) {
                JsonNode json = mapper.readTree(tagged.next(raw.articleId()).value());
                assertThat(json.get("articleId").asText()).isEqualTo(raw.articleId());
                assertThat(json.get("pairs").size()).isEqualTo(1);
            }
            for (String key : poison) {
                assertThat(reason(dead.next(key))).startsWith("missing or invalid required fields: articleId");
            }
            // offsets are committed once the tagged (or dead-lettered) records are acknowledged: the group catches up
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    EmbeddedKafka.groupLag(KafkaResource.broker().bootstrapServers(), "classify-service",
                            Topics.ARTICLES_RAW) == 0);
            // and each good article came out once
            Thread.sleep(1000);
            for (RawArticle raw : good) {
                assertThat(tagged.all(raw.articleId())).hasSize(1);
            }
        }
    }

    private void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, key, value)).get();
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return header(record, "dead-letter-reason");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static RawArticle raw(Article article, String language) {
        return Fixtures.rawArticle(article, language);
    }

    /** Reads a topic from the beginning in the background, so records can be awaited by key. */
    private static final class Listener implements AutoCloseable {
        private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Listener(String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "classify-test-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            thread = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                        new StringDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (running) {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                    }
                }
            }, "listener-" + topic);
            thread.start();
        }

        /** The first record with {@code key}, waiting up to a minute for it. */
        ConsumerRecord<String, String> next(String key) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                records.stream().filter(r -> key.equals(r.key())).findFirst().ifPresent(found::add);
                return !found.isEmpty();
            });
            return found.get(0);
        }

        /** Every record seen so far with {@code key}. */
        List<ConsumerRecord<String, String>> all(String key) {
            return records.stream().filter(r -> key.equals(r.key())).toList();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }
}
