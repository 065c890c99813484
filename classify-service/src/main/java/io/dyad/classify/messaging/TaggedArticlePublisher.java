package io.dyad.classify.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends tagged articles to dyad.articles.tagged and unreadable raw records to dyad.articles.raw.dlq, each send
 * answered by a future that completes when the broker has acknowledged the record (acks=all) or fails when the
 * producer gave up on it. The buffers hold two polled batches (two consumers of max.poll.records each).
 */
@ApplicationScoped
public class TaggedArticlePublisher {

    private final Emitter<byte[]> tagged;
    private final Emitter<byte[]> deadLetters;

    public TaggedArticlePublisher(
            @Channel("articles-tagged") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            Emitter<byte[]> tagged,
            @Channel("articles-raw-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            Emitter<byte[]> deadLetters) {
        this.tagged = tagged;
        this.deadLetters = deadLetters;
    }

    /** The tagged article's JSON, key = articleId. */
    public CompletableFuture<Void> tagged(String articleId, byte[] json) {
        return send(tagged, json, OutgoingKafkaRecordMetadata.<String>builder().withKey(articleId).build());
    }

    /**
     * The raw record unchanged (same key and bytes) with the reason in headers, named as SmallRye's own dead-letter
     * queue names them: dead-letter-reason, -cause, -exception-class-name, -topic, -partition, -offset.
     */
    public CompletableFuture<Void> deadLetter(KafkaRecord<String, byte[]> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-reason", reason.getMessage() != null ? reason.getMessage() : reason.toString());
        if (reason.getCause() != null) {
            header(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
            header(headers, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
        }
        header(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        header(headers, "dead-letter-topic", record.getTopic());
        header(headers, "dead-letter-partition", Integer.toString(record.getPartition()));
        header(headers, "dead-letter-offset", Long.toString(offset(record)));
        // a null value (a tombstone, which this topic should never carry) is passed on as an empty one
        byte[] value = record.getPayload() != null ? record.getPayload() : new byte[0];
        return send(deadLetters, value, OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey()).withHeaders(headers).build());
    }

    private static CompletableFuture<Void> send(Emitter<byte[]> emitter, byte[] value,
            OutgoingKafkaRecordMetadata<String> metadata) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(value, Metadata.of(metadata), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }

    /** The record's offset in its partition (-1 if it did not come from Kafka). */
    static long offset(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
