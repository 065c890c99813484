package io.dyad.alert.service;

import io.dyad.alert.delivery.DeliveryWorker;
import io.dyad.alert.digest.DigestSchedule;
import io.dyad.alert.digest.FrequencySettings;
import io.dyad.alert.repository.DigestRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Opens, re-times and closes digest windows. Closing turns a window's QUEUED stories into one digest delivery, which
 * the ordinary {@link DeliveryWorker} sends, retries and fails like any alert. Every replica may close windows at the
 * same time: each window row is locked (SKIP LOCKED) by one closer, and advanced in the same transaction.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);
    static final int BATCH = 100;

    @Inject
    DigestRepository digests;

    @Inject
    DeliveryWorker worker;

    /** A window that was closed: the subscription, the window and how many stories its digest carries (0 = none). */
    public record Closed(UUID subscriptionId, Instant start, Instant end, int stories) {
    }

    /**
     * Within the caller's transaction: the subscription (new, or its frequency changed) gets the window its settings
     * call for; the answer is the window opened (stories 0), or the window closed by a switch to immediate. Switching to {@code immediate} closes the open window at once (what was gathered goes out as a last
     * digest); a digest subscription's window is re-timed to the new schedule, keeping the stories gathered so far.
     */
    public Closed applyFrequency(UUID subscriptionId, FrequencySettings settings, Instant now) {
        DigestSchedule schedule = settings.schedule();
        DigestRepository.DueWindow open = digests.lockWindow(subscriptionId);
        if (schedule == null) {
            if (open == null) {
                return null;
            }
            int stories = digests.closeWindow(subscriptionId, UUID.randomUUID(), open.windowStart(), now);
            digests.dropWindow(subscriptionId);
            return new Closed(subscriptionId, open.windowStart(), now, stories);
        }
        Instant end = schedule.nextAfter(now);
        digests.openWindow(subscriptionId, open == null ? now : open.windowStart(), end);
        return new Closed(subscriptionId, open == null ? now : open.windowStart(), end, 0);
    }

    /** Wakes the delivery worker (a digest was made outside {@link #closeDue}). */
    public void wake() {
        worker.kick();
    }

    /**
     * Closes every window that ended at or before {@code now} (each in batches of its own transaction) and wakes the
     * delivery worker when a digest was made. Called by {@link DigestScheduler} with the clock's time; callable
     * directly (tests close windows without waiting for them).
     */
    public List<Closed> closeDue(Instant now) {
        List<Closed> all = new java.util.ArrayList<>();
        QuarkusTransaction.requiringNew().call(digests::releaseStrayQueued);
        for (int round = 0; round < 1000; round++) {
            List<Closed> batch = QuarkusTransaction.requiringNew().call(() -> closeBatch(now));
            all.addAll(batch);
            if (batch.size() < BATCH) {
                break;
            }
        }
        long made = all.stream().filter(c -> c.stories() > 0).count();
        if (made > 0) {
            worker.kick();
        }
        for (Closed c : all) {
            LOG.debugf("Digest window %s…%s of subscription %s closed: %d stories", c.start(), c.end(),
                    c.subscriptionId(), c.stories());
        }
        if (!all.isEmpty()) {
            LOG.infof("Closed %d digest windows, %d digests queued", all.size(), made);
        }
        return all;
    }

    private List<Closed> closeBatch(Instant now) {
        List<Closed> out = new java.util.ArrayList<>();
        for (DigestRepository.DueWindow due : digests.lockDue(now, BATCH)) {
            DigestSchedule schedule = due.settings().schedule();
            if (schedule == null) {
                // the subscription became immediate without its window being closed (written by other code)
                int stories = digests.closeWindow(due.subscriptionId(), UUID.randomUUID(), due.windowStart(), now);
                digests.dropWindow(due.subscriptionId());
                out.add(new Closed(due.subscriptionId(), due.windowStart(), now, stories));
                continue;
            }
            Instant end = schedule.lastEndAtOrBefore(due.windowEnd(), now);
            int stories = digests.closeWindow(due.subscriptionId(), UUID.randomUUID(), due.windowStart(), end);
            digests.advance(due.subscriptionId(), end, schedule.nextAfter(end));
            out.add(new Closed(due.subscriptionId(), due.windowStart(), end, stories));
        }
        return out;
    }
}
