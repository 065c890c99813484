package io.dyad.classify.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dyad.classify.Fixtures;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The case that stalled session 5's batch consumer: a backlog is already on dyad.articles.raw when the service starts,
 * so the first batches are polled by one consumer and are still being tagged when the second consumer of the instance
 * joins the group and the partitions are rebalanced. Every good record must come out tagged, every poison one in the
 * DLQ with its reason, and the group's committed lag must return to 0 (no batch left unacknowledged).
 * Own consumer group (set by the resource), so the backlog is the whole topic for it.
 */
@QuarkusTest
@WithTestResource(BacklogAtStartTest.Backlog.class)
class BacklogAtStartTest {

    static final String GROUP = "classify-backlog-test";
    static final int RECORDS = 1500;

    /** Starts the shared broker and fills the raw topic before the application (and its consumers) start. */
    public static class Backlog implements QuarkusTestResourceLifecycleManager {

        static final List<String> GOOD = new ArrayList<>();
        static final List<String> POISON = new ArrayList<>();

        @Override
        public Map<String, String> start() {
            String bootstrap = KafkaResource.broker().bootstrapServers();
            ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    if (i % 10 == 3) {
                        String key = "backlog-poison-" + UUID.randomUUID();
                        POISON.add(key);
                        producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, key, "<html>no JSON " + i));
                    } else {
                        RawArticle raw = raw(i % 2 == 0 ? "us-mexico-trade" : "japan-brazil-trade");
                        GOOD.add(raw.articleId());
                        producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, raw.articleId(),
                                mapper.writeValueAsString(raw)));
                    }
                }
                producer.flush();
            } catch (Exception e) {
                throw new IllegalStateException("could not fill the backlog", e);
            }
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", bootstrap);
            config.put("mp.messaging.incoming.articles-raw.group.id", GROUP);
            return config;
        }

        @Override
        public void stop() {
            // the broker is shared by the test classes of this JVM
        }

        private static RawArticle raw(String fixture) {
            return Fixtures.rawArticle(Fixtures.article(fixture), null);
        }
    }

    @Test
    void aBacklogPresentAtStartIsTaggedWholeWithItsPoisonInTheDlqAndEveryOffsetCommitted() {
        String bootstrap = KafkaResource.broker().bootstrapServers();
        // the group drains the whole topic: every batch was acknowledged and committed, none stalled
        Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
                EmbeddedKafka.groupLag(bootstrap, GROUP, Topics.ARTICLES_RAW) == 0);

        Map<String, Integer> tagged = countByKey(bootstrap, Topics.ARTICLES_TAGGED, Set.copyOf(Backlog.GOOD));
        assertThat(tagged.keySet()).containsExactlyInAnyOrderElementsOf(Backlog.GOOD);

        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll(bootstrap, Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX)) {
            if (Backlog.POISON.contains(record.key())) {
                Header reason = record.headers().lastHeader("dead-letter-reason");
                reasons.put(record.key(), new String(reason.value(), StandardCharsets.UTF_8));
                assertThat(record.value()).startsWith("<html>no JSON ");
            }
        }
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(Backlog.POISON);
        assertThat(reasons.values()).allMatch(reason -> reason.startsWith("not JSON"));
        // no good record went to the DLQ
        assertThat(tagged.values()).allMatch(n -> n >= 1);
    }

    private static Map<String, Integer> countByKey(String bootstrap, String topic, Set<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll(bootstrap, topic)) {
            if (keys.contains(record.key())) {
                counts.merge(record.key(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Every record of {@code topic} up to its end offsets when called. */
    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "backlog-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
