package io.dyad.alert.service;

import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.alert.repository.DeliveryRepository;
import io.dyad.alert.repository.FailureRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records successful deliveries in batches (group commit): each sender thread hands its sent alert over and waits,
 * while one recorder thread writes everything handed over meanwhile in ONE transaction (one UPDATE of the rows, one
 * UPDATE ending the failing period of their subscriptions). Per alert that replaces two transactions, each with its
 * own commit and WAL flush, by a share of one. The sender waits for its row to be recorded, so no more alerts are
 * sent-but-unrecorded at any moment than there are sender threads — a crash can repeat (same webhook-id, after the
 * lease) no more alerts than before. Failures keep the per-row path in {@link DeliveryService}, where retries,
 * notices and disabling are decided.
 */
@ApplicationScoped
public class SentRecorder {

    private static final Logger LOG = Logger.getLogger(SentRecorder.class);
    /** Most rows written by one statement. */
    static final int MAX_BATCH = 1000;
    /** More than the sender threads ever hand over at once (each waits for its own); beyond it a sender records alone. */
    static final int MAX_QUEUED = 10_000;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    FailureRepository failures;

    @Inject
    AlertMetrics metrics;

    private final BlockingQueue<Sent> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private volatile Thread thread;
    private volatile boolean running;

    /** A sent alert waiting to be recorded; {@code done} completes when its batch is written (or failed). */
    record Sent(ClaimedDelivery claimed, int statusCode, CompletableFuture<Void> done) {
    }

    /** Starts the recorder thread (the delivery worker does, with its own loop). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "dyad-delivery-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records what is still queued, then stops; called after the sender threads have finished. */
    public synchronized void stop(Duration patience) {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        // no interrupt: the loop ends by itself once the queue is empty (at most one poll timeout later)
        try {
            t.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        List<Sent> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            try {
                flush(rest);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Recording %d sent alerts at shutdown failed; they are sent again after their lease",
                        rest.size());
            }
        }
    }

    /**
     * Records a sent alert with the others handed over meanwhile, and returns once it is written; on the caller's
     * thread when no recorder runs (tests, a stopping service). Throws when it could not be written.
     */
    public void sent(ClaimedDelivery claimed, int statusCode) {
        Sent sent = new Sent(claimed, statusCode, new CompletableFuture<>());
        if (thread == null || !queue.offer(sent)) {
            flush(List.of(sent));
            return;
        }
        try {
            sent.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the sent alert was being recorded", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        List<Sent> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Sent first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Recording %d sent alerts failed; they are sent again after their lease", batch.size());
                batch.forEach(s -> s.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Writes one batch, waiting out a database outage (up to {@link DeliveryService#RECORD_PATIENCE}): an alert that
     * went out but is not recorded as SENT would be sent again once its lease runs out.
     */
    void flush(List<Sent> batch) {
        List<Sent> sorted = new ArrayList<>(batch);
        // one order for every replica's batches: no deadlock between two recorders
        sorted.sort(Comparator.comparing(s -> s.claimed().id()));
        UUID[] ids = new UUID[sorted.size()];
        Integer[] attempts = new Integer[sorted.size()];
        Integer[] codes = new Integer[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            ids[i] = sorted.get(i).claimed().id();
            attempts[i] = sorted.get(i).claimed().attempt();
            codes[i] = sorted.get(i).statusCode();
        }
        Set<UUID> recorded;
        try {
            recorded = withPatience(() -> QuarkusTransaction.requiringNew().call(() -> write(sorted, ids, attempts,
                    codes)), sorted.size());
        } catch (RuntimeException e) {
            sorted.forEach(s -> s.done().completeExceptionally(e));
            throw e;
        }
        sorted.forEach(s -> s.done().complete(null));
        Instant now = Instant.now();
        for (Sent s : sorted) {
            ClaimedDelivery claimed = s.claimed();
            if (!recorded.contains(claimed.id())) {
                LOG.infof("Delivery %s: result of attempt %d not recorded (subscription deleted or attempt superseded)",
                        claimed.id(), claimed.attempt());
                continue;
            }
            Duration sinceMatch = Duration.between(claimed.createdAt(), now);
            metrics.delivered(claimed.publishedAt() == null ? null : Duration.between(claimed.publishedAt(), now),
                    sinceMatch);
            metrics.deliveryAttempt(claimed.channelType(), "sent");
            // one line per alert at INFO cost as much CPU as sending it at thousands per second
            LOG.debugf("Delivery %s of story %s sent (%s, attempt %d, %d ms after the match)", claimed.id(),
                    claimed.storyId(), claimed.channelType(), claimed.attempt(), sinceMatch.toMillis());
        }
    }

    /** One transaction: the rows SENT, and the failing period of their subscriptions ended; the ids recorded. */
    private Set<UUID> write(List<Sent> sorted, UUID[] ids, Integer[] attempts, Integer[] codes) {
        Set<UUID> done = deliveries.recordSent(ids, attempts, codes);
        Set<UUID> working = new TreeSet<>();
        for (Sent s : sorted) {
            if (done.contains(s.claimed().id())) {
                working.add(s.claimed().subscriptionId());
            }
        }
        failures.markWorking(working);
        return done;
    }

    private static <T> T withPatience(java.util.concurrent.Callable<T> work, int size) {
        long deadline = System.nanoTime() + DeliveryService.RECORD_PATIENCE.toNanos();
        long wait = 100;
        for (int failures = 1;; failures++) {
            try {
                return work.call();
            } catch (Exception e) {
                RuntimeException runtime = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (!Failures.isTransient(runtime) || System.nanoTime() > deadline) {
                    throw runtime;
                }
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warnf("Cannot record %d sent alerts yet (%s), retrying", size, Failures.rootMessage(runtime));
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw runtime;
                }
                wait = Math.min(wait * 2, 500);
            }
        }
    }
}
