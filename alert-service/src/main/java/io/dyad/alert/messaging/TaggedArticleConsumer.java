package io.dyad.alert.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.delivery.DeliveryWorker;
import io.dyad.alert.service.AlertMetrics;
import io.dyad.alert.service.ArticleIntakeService;
import io.dyad.alert.service.Failures;
import io.dyad.alert.service.IntakeResult;
import io.dyad.contracts.TaggedArticle;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code dyad.articles.tagged} (channel {@code articles-tagged}) and acknowledges by hand:
 * <ul>
 * <li>a poison record (not JSON, another schemaVersion, fields missing) is nacked with the reason and goes to
 * {@code dyad.articles.tagged.dlq} ({@code dead-letter-reason} header) while consumption goes on;</li>
 * <li>a good record is stored and matched in one transaction and acked after it commits;</li>
 * <li>a transient failure (database unreachable, deadlock) is retried with backoff until it passes — a good article is
 * never parked for it; a failure that repeats is retried {@code dyad.alert.intake.max-attempts} times, then
 * parked in the DLQ for replay;</li>
 * <li>while the service shuts down, a record it could not finish is neither acked nor nacked: its offset is not
 * committed, so it comes again after the restart (and the unique delivery row makes that harmless).</li>
 * </ul>
 */
@ApplicationScoped
public class TaggedArticleConsumer {

    private static final Logger LOG = Logger.getLogger(TaggedArticleConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    ArticleIntakeService intake;

    @Inject
    DeliveryWorker worker;

    @Inject
    AlertMetrics metrics;

    @Inject
    AlertConfig config;

    private TaggedArticleParser parser;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        parser = new TaggedArticleParser(mapper);
    }

    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        stopping = true;
    }

    // A worker pool of its own, so a database outage that holds these threads in retries never starves the HTTP API
    // and health checks. Unordered: records are independent; the unique delivery row settles races between two
    // articles of one story.
    @Incoming("articles-tagged")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking(value = "article-intake", ordered = false)
    public CompletionStage<Void> consume(Message<String> message) {
        TaggedArticle article;
        try {
            article = parser.parse(message.getPayload());
        } catch (InvalidArticleException e) {
            metrics.articleRejected();
            LOG.warnf("Rejected record on dyad.articles.tagged (to the DLQ): %s", e.getMessage());
            return message.nack(e);
        }
        IntakeResult result;
        try {
            result = storeWithRetry(article);
        } catch (ShuttingDown e) {
            LOG.infof("Shutting down: article %s left unacknowledged, it is consumed again after the restart",
                    article.articleId());
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        metrics.articleReceived(result.newArticle());
        metrics.matched(result.matches(), result.queued());
        LOG.debugf("Article %s (story %s): %s, %d matches, %d alerts queued", article.articleId(), article.storyId(),
                result.newArticle() ? "new" : "seen before", result.matches(), result.queued());
        if (result.queued() > 0) {
            worker.kick();
        }
        return message.ack();
    }

    private IntakeResult storeWithRetry(TaggedArticle article) {
        int maxAttempts = Math.max(1, config.intake().maxAttempts());
        long backoff = Math.max(1, config.intake().retryBackoff().toMillis());
        long maxBackoff = Math.max(backoff, config.intake().maxBackoff().toMillis());
        int repeatedFailures = 0;
        for (int attempt = 1;; attempt++) {
            if (stopping) {
                throw new ShuttingDown();
            }
            try {
                return intake.store(article);
            } catch (RuntimeException e) {
                if (stopping) {
                    throw new ShuttingDown();
                }
                boolean transientFailure = Failures.isTransient(e);
                if (!transientFailure && ++repeatedFailures >= maxAttempts) {
                    throw new IllegalStateException("could not store article " + article.articleId() + " after "
                            + attempt + " attempts: " + Failures.rootMessage(e), e);
                }
                LOG.warnf("Storing article %s failed (attempt %d, %s), retrying in %d ms: %s", article.articleId(),
                        attempt, transientFailure ? "transient" : "repeated " + repeatedFailures + " of " + maxAttempts,
                        backoff, Failures.rootMessage(e));
                sleep(backoff);
                backoff = Math.min(maxBackoff, backoff * 2);
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShuttingDown();
        }
    }

    /** Processing stopped because the service is shutting down; the record must stay unacknowledged. */
    private static final class ShuttingDown extends RuntimeException {
        ShuttingDown() {
            super("shutting down", null, false, false);
        }
    }
}
