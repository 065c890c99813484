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
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
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
    // articles of one story. Batches (a poll's records, mp.messaging.incoming.articles-tagged.batch=true): one
    // transaction stores and matches them all.
    @Incoming("articles-tagged")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking(value = "article-intake", ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> records = new ArrayList<>();
        List<TaggedArticle> articles = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        List<CompletableFuture<Void>> nacks = new ArrayList<>();
        Set<KafkaRecord<String, String>> nacked = new HashSet<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                articles.add(parser.parse(record.getPayload()));
                jsons.add(record.getPayload());
                records.add(record);
            } catch (InvalidArticleException e) {
                metrics.articleRejected();
                LOG.warnf("Rejected record on dyad.articles.tagged (to the DLQ): %s", e.getMessage());
                nacks.add(record.nack(e).toCompletableFuture());
                nacked.add(record);
            }
        }
        List<Stored> results;
        try {
            results = articles.isEmpty() ? List.of() : storeBatch(articles, jsons);
        } catch (ShuttingDown e) {
            LOG.infof("Shutting down: %d articles left unacknowledged, they are consumed again after the restart",
                    articles.size());
            return CompletableFuture.completedFuture(null);
        }
        int queued = 0;
        for (int i = 0; i < articles.size(); i++) {
            Stored stored = results.get(i);
            if (stored.error() != null) {
                // stored neither in the batch nor alone: parked in the DLQ with the reason
                nacks.add(records.get(i).nack(stored.error()).toCompletableFuture());
                nacked.add(records.get(i));
                continue;
            }
            IntakeResult result = stored.result();
            metrics.articleReceived(result.newArticle());
            metrics.matched(result.matches(), result.queued());
            queued += result.queued();
            LOG.debugf("Article %s (story %s): %s, %d matches, %d alerts queued", articles.get(i).articleId(),
                    articles.get(i).storyId(), result.newArticle() ? "new" : "seen before", result.matches(),
                    result.queued());
        }
        if (queued > 0) {
            worker.kick();
        }
        // The batch's offsets are committed through each partition's last record: only after the transaction, and
        // only once every poison record of the batch is in the DLQ (the DLQ acknowledges a nacked record itself).
        Collection<KafkaRecord<String, String>> last = batch.getLatestOffsetRecords().values();
        return CompletableFuture.allOf(nacks.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (KafkaRecord<String, String> record : last) {
                if (!nacked.contains(record)) {
                    acks.add(record.ack().toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        });
    }

    /**
     * Stores the batch in one transaction, retrying while the failure is transient. A failure that is not (one
     * article the database refuses) falls back to storing each article alone, so the others go through: an entry
     * holds the error of an article that failed alone too, for the DLQ.
     */
    private List<Stored> storeBatch(List<TaggedArticle> articles, List<String> jsons) {
        try {
            return retrying("a batch of " + articles.size() + " articles", () -> intake.storeAll(articles, jsons), 1)
                    .stream().map(r -> new Stored(r, null)).toList();
        } catch (ShuttingDown e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("Storing a batch of %d articles failed (%s); storing them one by one", articles.size(),
                    Failures.rootMessage(e));
        }
        List<Stored> out = new ArrayList<>(articles.size());
        for (TaggedArticle article : articles) {
            try {
                out.add(new Stored(storeWithRetry(article), null));
            } catch (ShuttingDown e) {
                throw e;
            } catch (RuntimeException e) {
                out.add(new Stored(null, e));
            }
        }
        return out;
    }

    /** One article's intake: its result, or why it could not be stored. */
    private record Stored(IntakeResult result, RuntimeException error) {
    }

    private IntakeResult storeWithRetry(TaggedArticle article) {
        return retrying("article " + article.articleId(), () -> intake.store(article),
                Math.max(1, config.intake().maxAttempts()));
    }

    /**
     * Runs {@code work} until it passes: transient failures (database down, deadlock) are retried with backoff for as
     * long as they last; other failures {@code maxAttempts} times in all, then thrown.
     */
    private <T> T retrying(String what, Supplier<T> work, int maxAttempts) {
        long backoff = Math.max(1, config.intake().retryBackoff().toMillis());
        long maxBackoff = Math.max(backoff, config.intake().maxBackoff().toMillis());
        int repeatedFailures = 0;
        for (int attempt = 1;; attempt++) {
            if (stopping) {
                throw new ShuttingDown();
            }
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (stopping) {
                    throw new ShuttingDown();
                }
                boolean transientFailure = Failures.isTransient(e);
                if (!transientFailure && ++repeatedFailures >= maxAttempts) {
                    throw new IllegalStateException("could not store " + what + " after " + attempt + " attempts: "
                            + Failures.rootMessage(e), e);
                }
                LOG.warnf("Storing %s failed (attempt %d, %s), retrying in %d ms: %s", what, attempt,
                        transientFailure ? "transient" : "repeated " + repeatedFailures + " of " + maxAttempts,
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
