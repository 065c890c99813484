package io.dyad.classify.messaging;

import io.dyad.classify.config.ClassifyConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends tagged articles to dyad.articles.tagged (key = articleId) with one idempotent producer ({@code acks=all})
 * shared by the consumers. Each send answers a future that completes when the broker has acknowledged the record and
 * fails when the producer gave up on it: the batch consumer commits a batch's offsets only after every one of them.
 *
 * <p>A plain Kafka producer rather than a SmallRye outgoing channel: a batch needs one acknowledgement per record it
 * sends, which the producer's callback gives directly, without an emitter's buffer and per-message hops between it
 * and the consumer.
 */
@ApplicationScoped
public class TaggedArticleSender {

    /** Settings of the broker connection ({@code kafka.*}) that a producer understands; the rest are consumer-only. */
    private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();

    private final Producer<String, byte[]> producer;
    private final String topic;

    public TaggedArticleSender(@Identifier("default-kafka-broker") Map<String, Object> broker, ClassifyConfig config) {
        Map<String, Object> props = new HashMap<>();
        broker.forEach((key, value) -> {
            if (PRODUCER_KEYS.contains(key)) {
                props.put(key, value);
            }
        });
        ClassifyConfig.Tagged tagged = config.tagged();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "classify-service-tagged");
        // the contract: no lost or reordered tagged article on a broker failover
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) tagged.linger().toMillis());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, tagged.batchSize());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) tagged.deliveryTimeout().toMillis());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, tagged.maxRequestSize());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = tagged.topic();
    }

    /** Completes when the broker has the record (all in-sync replicas), fails when the producer gave up on it. */
    public CompletableFuture<Void> send(String articleId, byte[] json) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, articleId, json), (metadata, failure) -> {
                if (failure == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            // refused before it was queued (e.g. larger than max.request.size, or the producer is closed)
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @PreDestroy
    void close() {
        // sends still in flight get their acknowledgements (or failures) before the consumers stop
        producer.close(Duration.ofSeconds(10));
    }
}
