package io.dyad.ingest.testing;

import io.dyad.contracts.Topics;
import io.dyad.testsupport.KafkaResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads dyad.articles.raw from the test broker with a plain consumer, from the beginning to the current end. */
public final class RawTopic {

    private RawTopic() {
    }

    /** Every record now on the topic that matches; acknowledged sends are all there, so no waiting is needed. */
    public static List<ConsumerRecord<String, String>> records(Predicate<ConsumerRecord<String, String>> match) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ARTICLES_RAW, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + Topics.ARTICLES_RAW + " to its end " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        matches.add(record);
                    }
                }
            }
        }
        return matches;
    }

    /** The one article published for {@code link}, checked against the RawArticle schema, as a JSON tree. */
    public static com.fasterxml.jackson.databind.JsonNode onlyArticle(String link) throws Exception {
        String key = io.dyad.contracts.ArticleIds.articleId(io.dyad.contracts.ArticleIds.canonicalUrl(link));
        List<ConsumerRecord<String, String>> found = withKeys(List.of(key));
        org.assertj.core.api.Assertions.assertThat(found).as("records for " + link).hasSize(1);
        io.dyad.testsupport.ContractValidator.assertValid(io.dyad.testsupport.ContractValidator.RAW_ARTICLE,
                found.get(0).value());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(found.get(0).value());
    }

    /** Records whose key is one of {@code keys}. */
    public static List<ConsumerRecord<String, String>> withKeys(java.util.Collection<String> keys) {
        return records(r -> keys.contains(r.key()));
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
