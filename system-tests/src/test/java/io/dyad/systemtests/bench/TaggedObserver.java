package io.dyad.systemtests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code dyad.articles.tagged} in a consumer group of its own, beside alert-service, and keeps each article's
 * tags and arrival time: the tags let the harness work out which alerts are due, the time gives raw → tagged latency.
 */
final class TaggedObserver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What classify-service said about one article, when we saw it (System.nanoTime), and a hash of the title and
     * text a keyword query searches as they came out of classify-service ({@link #wordsHash}), to check that they
     * are the ones the generator wrote.
     */
    record Tags(Set<String> pairs, Set<String> countries, Set<String> issues, long seenNanos, int wordsHash) {
    }

    static int wordsHash(String title, String searchText) {
        return (title + "\u0000" + searchText).hashCode();
    }

    private final Map<String, Tags> tags = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TaggedObserver(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-observer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.ARTICLES_TAGGED));
        thread = new Thread(this::run, "bench-tagged-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                long now = System.nanoTime();
                try {
                    JsonNode article = JSON.readTree(record.value());
                    tags.put(article.path("articleId").asText(), new Tags(values(article.path("pairs"), "pair"),
                            values(article.path("countries"), "code"), values(article.path("issues"), "id"), now,
                            wordsHash(article.path("title").asText(), article.path("summary").asText() + "\n\n"
                                    + article.path("text").asText())));
                } catch (Exception e) {
                    // not ours to judge: alert-service sends such records to its DLQ
                }
            }
        }
        consumer.close();
    }

    private static Set<String> values(JsonNode array, String field) {
        Set<String> out = new TreeSet<>();
        array.forEach(node -> out.add(node.path(field).asText()));
        return out;
    }

    Tags get(String articleId) {
        return tags.get(articleId);
    }

    int size() {
        return tags.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
