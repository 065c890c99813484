package io.dyad.ingest.messaging;

import io.dyad.contracts.RawArticle;
import io.dyad.ingest.config.IngestConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends RawArticles to {@code dyad.articles.raw} (channel {@code articles-raw}), keyed by articleId. */
@ApplicationScoped
public class RawArticlePublisher {

    @Inject
    @Channel("articles-raw")
    MutinyEmitter<RawArticle> emitter;

    @Inject
    IngestConfig config;

    /**
     * Sends the article and blocks until the broker acknowledges it (acks=all); call from a worker thread.
     *
     * @throws PublishException when the broker refuses the record or does not answer within the ack timeout
     */
    public void publishAndAwait(RawArticle article) {
        Message<RawArticle> message = Message.of(article).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(article.articleId()).build());
        try {
            emitter.sendMessage(message).await().atMost(config.publish().ackTimeout());
        } catch (RuntimeException e) {
            throw new PublishException("the broker did not acknowledge article " + article.articleId() + ": "
                    + describe(e), e);
        }
    }

    /** The innermost cause says what went wrong (e.g. RecordTooLargeException, TimeoutException). */
    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
