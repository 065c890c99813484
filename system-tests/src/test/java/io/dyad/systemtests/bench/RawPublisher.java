package io.dyad.systemtests.bench;

import io.dyad.contracts.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes generated RawArticles to {@code dyad.articles.raw} as ingest-service does (acks=all, idempotent,
 * key = articleId), either back to back or paced to a fixed rate, and remembers when each one was handed to the
 * producer — the start of the raw → webhook latency.
 */
final class RawPublisher implements AutoCloseable {

    /**
     * When an article was published (System.nanoTime, and the wall clock to compare with the database's), in which
     * phase, and the words a keyword query searches in it (title; summary + blank line + body).
     */
    record Sent(long nanos, long epochMillis, String phase, String title, String searchText) {
    }

    private final KafkaProducer<String, String> producer;
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    RawPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new StringSerializer());
    }

    static Properties producerConfig(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return props;
    }

    /**
     * Publishes {@code count} articles from {@code generator}; {@code perSecond} ≤ 0 means as fast as the producer
     * takes them. Returns the achieved rate (articles per second, until the last ack).
     */
    double publish(ArticleGenerator generator, int count, double perSecond, String phase) {
        long start = System.nanoTime();
        long interval = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        for (int i = 0; i < count; i++) {
            if (interval > 0) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            ArticleGenerator.Generated article = generator.next();
            sent.put(article.articleId(), new Sent(System.nanoTime(), System.currentTimeMillis(), phase,
                    article.title(), article.searchText()));
            producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, article.articleId(), article.json()),
                    (metadata, error) -> {
                        if (error != null) {
                            failures.incrementAndGet();
                        }
                    });
        }
        producer.flush();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    Sent sent(String articleId) {
        return sent.get(articleId);
    }

    Map<String, Sent> all() {
        return sent;
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
