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
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * dyad.articles.raw → classify → dyad.articles.tagged (key = articleId), a polled batch at a time. Each record is read
 * once from its bytes, classified and written as JSON bytes; all tagged records of the batch are sent together, and
 * the batch's offsets are acknowledged (then committed) only once the broker has acknowledged every record that came
 * out of it: tagged, or, for a record that cannot be read or classified, its copy on dyad.articles.raw.dlq with the
 * reason in headers. One bad record fails alone and the stream goes on. If a send fails (the broker refused it
 * after the producer's retries), the batch is not acknowledged and the channel fails: nothing is committed past it,
 * so the records are read again after the restart that the failed liveness check brings.
 */
@ApplicationScoped
public class RawArticleConsumer {

    private final RawArticleReader reader;
    private final TaggingService tagging;
    private final TaggedArticlePublisher publisher;
    private final ObjectWriter writer;
    private final Counter tagged;
    private final Counter rejected;

    public RawArticleConsumer(RawArticleReader reader, TaggingService tagging, TaggedArticlePublisher publisher,
            ObjectMapper mapper, MeterRegistry registry) {
        this.reader = reader;
        this.tagging = tagging;
        this.publisher = publisher;
        this.writer = mapper.writerFor(TaggedArticle.class);
        this.tagged = Counter.builder("dyad.classify.articles").tag("outcome", "tagged").register(registry);
        this.rejected = Counter.builder("dyad.classify.articles").tag("outcome", "rejected").register(registry);
    }

    /** On a worker thread: classifying a batch takes tens of milliseconds, which the event loop must not wait for. */
    @Incoming("articles-raw")
    @Blocking
    public CompletionStage<Void> tag(KafkaRecordBatch<String, byte[]> batch) {
        CompletableFuture<?>[] sent = new CompletableFuture<?>[batch.getRecords().size()];
        int i = 0;
        for (KafkaRecord<String, byte[]> record : batch) {
            sent[i++] = tagOne(record);
        }
        return CompletableFuture.allOf(sent).handle((ok, failure) -> failure)
                .thenCompose(failure -> failure == null ? batch.ack()
                        : batch.nack(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure));
    }

    private CompletableFuture<Void> tagOne(KafkaRecord<String, byte[]> record) {
        byte[] json;
        String articleId;
        try {
            RawArticle raw = reader.read(record.getPayload());
            TaggedArticle article = tagging.tag(raw);
            articleId = article.articleId();
            json = writer.writeValueAsBytes(article);
        } catch (InvalidRawArticleException e) {
            rejected.increment();
            Log.warnf("raw article rejected to the DLQ: %s", e.getMessage());
            return publisher.deadLetter(record, e);
        } catch (JsonProcessingException | RuntimeException e) {
            // the classifier or the writer failed on this record: it goes to the DLQ alone, the batch goes on
            rejected.increment();
            Log.errorf(e, "raw article at %s-%d@%d could not be tagged; sent to the DLQ", record.getTopic(),
                    record.getPartition(), TaggedArticlePublisher.offset(record));
            return publisher.deadLetter(record, e);
        }
        tagged.increment();
        return publisher.tagged(articleId, json);
    }
}
