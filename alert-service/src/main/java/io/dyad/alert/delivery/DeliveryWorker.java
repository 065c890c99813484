package io.dyad.alert.delivery;

import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.alert.service.DeliveryService;
import io.dyad.alert.service.SentRecorder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * This replica's delivery loop: every {@code poll-interval}, or at once when {@link #kick()}ed after a match commits,
 * it claims due deliveries (up to {@code batch-size} in flight) and hands them to {@code concurrency} sender threads.
 * Claims use SKIP LOCKED and a lease, so loops on several replicas share the work and never send the same row at the
 * same time; a row whose sender died is retried by any replica once its lease has run out. A claimed row that waited
 * here so long that its lease is nearly over is handed back unsent rather than risk a second sender.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    AlertConfig config;

    @Inject
    DeliveryService deliveries;

    @Inject
    SentRecorder recorder;

    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private ExecutorService senders;
    private Thread loop;
    private volatile boolean running;

    void onStart(@Observes StartupEvent event) {
        if (!config.delivery().enabled()) {
            LOG.info("Delivery worker disabled (dyad.alert.delivery.enabled=false)");
            return;
        }
        int concurrency = Math.max(1, config.delivery().concurrency());
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "dyad-delivery-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        recorder.start();
        running = true;
        loop = new Thread(this::run, "dyad-delivery-loop");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (loop != null) {
            loop.interrupt();
            senders.shutdown();
            try {
                // in-flight sends finish; queued rows are handed back; unrecorded ones are retried after their lease
                senders.awaitTermination(config.delivery().timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // what the senders sent is recorded before the datasource goes away
            recorder.stop(java.time.Duration.ofSeconds(10));
        }
    }

    /** Look for due deliveries now rather than at the next poll (called after a match commits). */
    public void kick() {
        wake.release();
    }

    private void run() {
        long pollMillis = Math.max(10, config.delivery().pollInterval().toMillis());
        while (running) {
            boolean more = false;
            try {
                more = round();
            } catch (RuntimeException e) {
                LOG.warnf("Delivery round failed, trying again in %d ms: %s", pollMillis, e.toString());
            }
            if (more) {
                continue;
            }
            try {
                wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int lowWater() {
        return Math.max(1, config.delivery().batchSize() / 2);
    }

    /** One claim; true when it came back full, i.e. more may be due right now. */
    private boolean round() {
        int batch = Math.max(1, config.delivery().batchSize());
        int have = inFlight.get();
        if (have >= lowWater() && have > 0) {
            return false; // enough queued; a sender finishing kicks us
        }
        int wanted = batch - have;
        List<ClaimedDelivery> claimed = deliveries.claimDue(wanted);
        long claimedAt = System.nanoTime();
        for (ClaimedDelivery delivery : claimed) {
            inFlight.incrementAndGet();
            senders.execute(() -> {
                try {
                    if (!running || leaseNearlyOver(claimedAt)) {
                        deliveries.release(delivery);
                    } else {
                        deliveries.attempt(delivery);
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Delivery %s: attempt %d could not be completed; retried after its lease",
                            delivery.id(), delivery.attempt());
                } finally {
                    if (inFlight.decrementAndGet() < lowWater()) {
                        kick();
                    }
                }
            });
        }
        return claimed.size() == wanted;
    }

    /** True when a send started now could still be running when the lease ends and another worker claims it. */
    private boolean leaseNearlyOver(long claimedAt) {
        long safeMillis = config.delivery().lease().toMillis() - config.delivery().timeout().toMillis() - 5000;
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - claimedAt) > safeMillis;
    }
}
