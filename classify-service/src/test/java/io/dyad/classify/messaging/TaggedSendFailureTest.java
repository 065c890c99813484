package io.dyad.classify.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.classify.Fixtures;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * No loss when the broker refuses a tagged record: here the producer's max.request.size is lowered so that one large
 * article cannot be sent (a non-retriable refusal). Its batch must not be acknowledged: the record is neither tagged
 * nor dead-lettered, the group's committed offset stays at or before it (a restart reads it again), and liveness
 * reports the failed channel. The small article before it still comes out tagged. Own consumer group, so the other
 * test classes' group is untouched.
 */
@QuarkusTest
@TestProfile(TaggedSendFailureTest.SmallRequests.class)
@WithTestResource(KafkaResource.class)
class TaggedSendFailureTest {

    private static final String GROUP = "classify-send-failure-test";

    public static class SmallRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.articles-tagged.max.request.size", "16384",
                    "mp.messaging.incoming.articles-raw.group.id", GROUP);
        }
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void aTaggedRecordTheBrokerRefusesIsNeitherCommittedNorDeadLetteredAndLivenessGoesDown() throws Exception {
        String bootstrap = KafkaResource.broker().bootstrapServers();
        RawArticle small = raw(Fixtures.article("us-mexico-trade").text());
        RawArticle large = raw(Fixtures.article("us-mexico-trade").text().repeat(40)); // ~40 KB tagged
        RecordMetadata largeAt;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            // the same key: one partition, the small article first
            producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, small.articleId(),
                    mapper.writeValueAsString(small))).get();
            String largeJson = mapper.writeValueAsString(large);
            largeAt = producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, small.articleId(), largeJson)).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().get("/q/health/live").statusCode() == 503);
        Thread.sleep(6000); // longer than the commit interval (auto.commit.interval.ms, 5 s)

        List<ConsumerRecord<String, String>> tagged = read(bootstrap, Topics.ARTICLES_TAGGED);
        List<ConsumerRecord<String, String>> dead = read(bootstrap, Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX);
        assertThat(tagged).anyMatch(r -> r.value().contains(small.contentHash()));
        assertThat(tagged).noneMatch(r -> r.value().contains(large.contentHash()));
        assertThat(dead).noneMatch(r -> r.key() != null && r.key().equals(small.articleId()));

        TopicPartition partition = new TopicPartition(largeAt.topic(), largeAt.partition());
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            OffsetAndMetadata committed = client.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            // committed = the next offset to read: at most the refused record's, so a restart reads it again
            assertThat(committed == null ? 0 : committed.offset()).isLessThanOrEqualTo(largeAt.offset());
        }
    }

    private static List<ConsumerRecord<String, String>> read(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "send-failure-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static RawArticle raw(String text) {
        String url = "https://news.example.org/story/" + UUID.randomUUID();
        String canonical = ArticleIds.canonicalUrl(url);
        String id = ArticleIds.articleId(canonical);
        String title = "U.S. and Mexico agree on steel";
        return new RawArticle(RawArticle.SCHEMA_VERSION, id, id, url, canonical,
                new SourceRef("example-feed", "Example News", "rss", null, null), title, "", text, null,
                List.of("A. Reporter"), null, Instant.now(), ArticleIds.contentHash(title, text));
    }
}
