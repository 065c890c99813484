package io.dyad.ingest.service;

import io.dyad.ingest.config.IngestConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Polls due sources. Every replica runs this; claims ({@code FOR UPDATE SKIP LOCKED} plus a lease) keep two
 * replicas off the same source without a leader. Each tick claims batches until none is full, and fetches a batch on
 * a small pool of worker threads; a failing source only affects its own row.
 */
@ApplicationScoped
public class PollScheduler {

    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    @Inject
    SourceStateStore store;

    @Inject
    FetchService fetchService;

    @Inject
    IngestConfig config;

    private ExecutorService pool;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, config.fetch().concurrency()), r -> {
            Thread t = new Thread(r, "dyad-fetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Every {@code dyad.ingest.poll.check-interval}; "off" disables polling on this replica. */
    @Scheduled(identity = "poll-due-sources", every = "${dyad.ingest.poll.check-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        pollDueSources();
    }

    /** Claims and fetches due sources until a claim comes back less than full; returns how many were fetched. */
    public int pollDueSources() {
        int batchSize = Math.max(1, config.poll().batchSize());
        int fetched = 0;
        while (!pool.isShutdown()) {
            List<Long> claimed;
            try {
                claimed = store.claimDue(Instant.now(), batchSize);
            } catch (RuntimeException e) {
                LOG.warnf("cannot claim due sources: %s", e.getMessage());
                return fetched;
            }
            if (claimed.isEmpty()) {
                return fetched;
            }
            fetchAll(claimed);
            fetched += claimed.size();
            if (claimed.size() < batchSize) {
                return fetched;
            }
        }
        return fetched;
    }

    private void fetchAll(List<Long> sourceIds) {
        List<Future<?>> running = new ArrayList<>();
        for (Long id : sourceIds) {
            running.add(pool.submit(() -> fetchOne(id)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "a fetch task failed");
            }
        }
    }

    private void fetchOne(long sourceId) {
        try {
            fetchService.fetch(sourceId);
        } catch (RuntimeException e) {
            // e.g. the database went away while recording; the lease expires and the source is retried
            LOG.errorf(e, "fetch of source %d failed", sourceId);
        }
    }
}
