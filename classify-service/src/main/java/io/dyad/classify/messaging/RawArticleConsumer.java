package io.dyad.classify.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dyad.classify.service.TaggingService;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.TaggedArticle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * dyad.articles.raw → classify → dyad.articles.tagged (key = articleId), one polled batch at a time
 * ({@code mp.messaging.incoming.articles-raw.batch=true}). Each record's value is read once from its UTF-8 bytes
 * straight into RawArticle, classified, and written as JSON bytes.
 *
 * <p>Acknowledged by hand, as alert-service's intake does:
 * <ul>
 * <li>a record that cannot be read or classified is nacked with the reason: SmallRye's dead-letter handler puts it on
 * dyad.articles.raw.dlq unchanged, with its headers (dead-letter-reason, -topic, -partition, -offset), and acknowledges
 * it itself once the broker has it; the rest of the batch goes on;</li>
 * <li>a tagged article the broker refused (after the producer's retries) is nacked the same way, with the send's
 * failure as the reason, so it is parked for replay rather than lost;</li>
 * <li>the batch's offsets (each partition's last record) are acknowledged, and later committed, only once every tagged
 * send and every dead letter of the batch is acknowledged by the broker. A crash before that reads the batch again:
 * at-least-once, and harmless, since the same article always gets the same tags.</li>
 * </ul>
 */
@ApplicationScoped
public class RawArticleConsumer {

    private final RawArticleReader reader;
    private final TaggingService tagging;
    private final TaggedArticleSender sender;
    private final ObjectWriter writer;
    private final Counter tagged;
    private final Counter rejected;

    public RawArticleConsumer(RawArticleReader reader, TaggingService tagging, TaggedArticleSender sender,
            ObjectMapper mapper, MeterRegistry registry) {
        this.reader = reader;
        this.tagging = tagging;
        this.sender = sender;
        this.writer = mapper.writerFor(TaggedArticle.class);
        this.tagged = Counter.builder("dyad.classify.articles").tag("outcome", "tagged").register(registry);
        this.rejected = Counter.builder("dyad.classify.articles").tag("outcome", "rejected").register(registry);
    }

    /**
     * On a worker thread (classifying a batch takes tens of milliseconds, which the event loop must not wait for),
     * one batch at a time per consumer: the next poll's batch comes when the returned stage completes.
     */
    @Incoming("articles-raw")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking
    public CompletionStage<Void> tag(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<CompletableFuture<Void>> done = new ArrayList<>(records.size());
        // records handed to the dead-letter handler, which acknowledges them itself
        Set<KafkaRecord<String, byte[]>> nacked = Collections.synchronizedSet(
                Collections.newSetFromMap(new IdentityHashMap<>()));
        for (KafkaRecord<String, byte[]> record : records) {
            done.add(tagOne(record, nacked));
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).thenCompose(ok -> {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (KafkaRecord<String, byte[]> last : batch.getLatestOffsetRecords().values()) {
                if (!nacked.contains(last)) {
                    acks.add(last.ack().toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        });
    }

    /** Completes when the record's outcome (its tagged article, or its dead letter) is acknowledged by the broker. */
    private CompletableFuture<Void> tagOne(KafkaRecord<String, byte[]> record, Set<KafkaRecord<String, byte[]>> nacked) {
        String articleId;
        byte[] json;
        try {
            RawArticle raw = reader.read(record.getPayload());
            TaggedArticle article = tagging.tag(raw);
            articleId = article.articleId();
            json = writer.writeValueAsBytes(article);
        } catch (InvalidRawArticleException e) {
            Log.warnf("raw article rejected to the DLQ: %s", e.getMessage());
            return deadLetter(record, e, nacked);
        } catch (JsonProcessingException | RuntimeException e) {
            // the classifier or the writer failed on this record: it goes to the DLQ alone, the batch goes on
            Log.errorf(e, "raw article at %s-%d could not be tagged; sent to the DLQ", record.getTopic(),
                    record.getPartition());
            return deadLetter(record, e instanceof JsonProcessingException j
                    ? new IllegalStateException("cannot write TaggedArticle: " + j.getOriginalMessage(), e) : e,
                    nacked);
        }
        return sender.send(articleId, json).handle((ok, failure) -> failure)
                .thenCompose(failure -> {
                    if (failure == null) {
                        tagged.increment();
                        return CompletableFuture.completedFuture(null);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    Log.errorf("tagged article %s could not be sent (%s); its raw record goes to the DLQ",
                            articleId, cause.toString());
                    return deadLetter(record, new IllegalStateException("tagged article could not be sent: "
                            + cause.getMessage(), cause), nacked);
                });
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, byte[]> record, Throwable reason,
            Set<KafkaRecord<String, byte[]>> nacked) {
        rejected.increment();
        nacked.add(record);
        return record.nack(reason).toCompletableFuture();
    }
}
