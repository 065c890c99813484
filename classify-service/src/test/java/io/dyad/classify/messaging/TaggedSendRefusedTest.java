package io.dyad.classify.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.classify.Fixtures;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A tagged article the broker refuses is not lost: here the tagged producer's max.request.size is lowered so that one
 * large article cannot be sent. Its raw record goes to the DLQ unchanged with the send's failure as the reason, the
 * small article after it in the same partition is still tagged, and the batch's offsets are committed (the group's
 * lag returns to 0) only once both outcomes are on the broker. Own consumer group.
 */
@QuarkusTest
@TestProfile(TaggedSendRefusedTest.SmallTaggedRequests.class)
@WithTestResource(KafkaResource.class)
class TaggedSendRefusedTest {

    private static final String GROUP = "classify-send-refused-test";

    public static class SmallTaggedRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dyad.classify.tagged.max-request-size", "16384",
                    "mp.messaging.incoming.articles-raw.group.id", GROUP);
        }
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void aRefusedTaggedRecordSendsItsRawRecordToTheDlqAndTheStreamGoesOn() throws Exception {
        String bootstrap = KafkaResource.broker().bootstrapServers();
        RawArticle large = raw(Fixtures.article("us-mexico-trade").text().repeat(40)); // ~37 KB raw, tagged > 16 KB
        RawArticle small = raw(Fixtures.article("us-mexico-trade").text());
        String largeJson = mapper.writeValueAsString(large);
        assertThat(largeJson.length()).isLessThan(900_000);

        List<ConsumerRecord<String, String>> dead = new CopyOnWriteArrayList<>();
        List<ConsumerRecord<String, String>> tagged = new CopyOnWriteArrayList<>();
        Thread reader = reader(bootstrap, dead, tagged);
        try {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                // one key: one partition, the large article first
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, large.articleId(), largeJson)).get();
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, large.articleId(),
                        mapper.writeValueAsString(small))).get();
            }

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() ->
                    tagged.stream().anyMatch(r -> r.value().contains(small.contentHash()))
                            && dead.stream().anyMatch(r -> large.articleId().equals(r.key())));
            ConsumerRecord<String, String> deadLetter = dead.stream()
                    .filter(r -> large.articleId().equals(r.key())).findFirst().orElseThrow();
            assertThat(deadLetter.value()).isEqualTo(largeJson);
            assertThat(header(deadLetter, "dead-letter-reason")).startsWith("tagged article could not be sent: ")
                    .contains("16384");
            assertThat(header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.ARTICLES_RAW);
            assertThat(tagged).noneMatch(r -> r.value().contains(large.contentHash()));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    EmbeddedKafka.groupLag(bootstrap, GROUP, Topics.ARTICLES_RAW) == 0);
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Reads the DLQ and the tagged topic from the beginning until interrupted. */
    private static Thread reader(String bootstrap, List<ConsumerRecord<String, String>> dead,
            List<ConsumerRecord<String, String>> tagged) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "send-refused-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.ARTICLES_TAGGED, Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX));
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        (r.topic().equals(Topics.ARTICLES_TAGGED) ? tagged : dead).add(r);
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // stopped
            }
        }, "send-refused-reader");
        thread.start();
        return thread;
    }

    private static RawArticle raw(String text) {
        String url = "https://news.example.org/refused/" + UUID.randomUUID();
        String canonical = ArticleIds.canonicalUrl(url);
        String id = ArticleIds.articleId(canonical);
        String title = "U.S. and Mexico agree on steel";
        return new RawArticle(RawArticle.SCHEMA_VERSION, id, id, url, canonical,
                new SourceRef("example-feed", "Example News", "rss", null, null), title, "", text, null,
                List.of("A. Reporter"), null, Instant.now(), ArticleIds.contentHash(title, text));
    }
}
