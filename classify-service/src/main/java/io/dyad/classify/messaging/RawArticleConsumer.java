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
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * dyad.articles.raw → classify → dyad.articles.tagged (key = articleId). The record value is read once, from its
 * UTF-8 bytes straight into RawArticle (no String, no JSON tree), and the tagged article is written as bytes. A record
 * that cannot be read fails alone: the exception's message is the reason SmallRye puts in the dead-letter record's
 * headers on dyad.articles.raw.dlq, and consumption goes on. The incoming record is acknowledged (and its offset
 * committed) only after the broker has acknowledged the tagged record (acks=all).
 */
@ApplicationScoped
public class RawArticleConsumer {

    private final RawArticleReader reader;
    private final TaggingService tagging;
    private final ObjectWriter writer;
    private final Counter tagged;
    private final Counter rejected;

    public RawArticleConsumer(RawArticleReader reader, TaggingService tagging, ObjectMapper mapper,
            MeterRegistry registry) {
        this.reader = reader;
        this.tagging = tagging;
        this.writer = mapper.writerFor(TaggedArticle.class);
        this.tagged = Counter.builder("dyad.classify.articles").tag("outcome", "tagged").register(registry);
        this.rejected = Counter.builder("dyad.classify.articles").tag("outcome", "rejected").register(registry);
    }

    @Incoming("articles-raw")
    @Outgoing("articles-tagged")
    public Record<String, byte[]> tag(byte[] value) {
        RawArticle raw;
        try {
            raw = reader.read(value);
        } catch (InvalidRawArticleException e) {
            rejected.increment();
            Log.warnf("raw article rejected to the DLQ: %s", e.getMessage());
            throw e;
        }
        TaggedArticle article = tagging.tag(raw);
        try {
            byte[] json = writer.writeValueAsBytes(article);
            tagged.increment();
            return Record.of(article.articleId(), json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write TaggedArticle " + article.articleId() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
