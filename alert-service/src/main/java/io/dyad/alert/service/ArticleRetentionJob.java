package io.dyad.alert.service;

import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.repository.ArticleRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes stored articles older than the retention window ({@code dyad.alert.retention.articles}, 30 days), in small
 * batches, each in a short transaction of its own. Articles a delivery still refers to are kept (the delivery history
 * and replays need them); previews and feeds only ever look inside the window.
 */
@ApplicationScoped
public class ArticleRetentionJob {

    private static final Logger LOG = Logger.getLogger(ArticleRetentionJob.class);
    static final int BATCH = 1000;

    @Inject
    ArticleRepository articles;

    @Inject
    AlertConfig config;

    @Scheduled(every = "${dyad.alert.retention.cleanup-interval}", delayed = "${dyad.alert.retention.cleanup-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            cleanUp();
        } catch (RuntimeException e) {
            LOG.warnf("Article retention clean-up failed, trying again later: %s", e.toString());
        }
    }

    /** Deletes expired articles; the number deleted. */
    public int cleanUp() {
        Instant before = Instant.now().minus(config.retention().articles());
        int total = 0;
        for (int round = 0; round < 100; round++) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> articles.deleteReceivedBefore(before, BATCH));
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.infof("Deleted %d articles received before %s (retention %s)", total, before,
                    config.retention().articles());
        }
        return total;
    }
}
