package io.dyad.alert.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Every replica closes due digest windows every {@code dyad.alert.digest.poll-interval} (10 s), by the injected
 * {@link Clock}. Replicas never close one window twice (see {@link DigestService}), and a restart loses nothing: the
 * windows and their stories are rows, closed by whichever replica looks first after the window's end.
 */
@ApplicationScoped
public class DigestScheduler {

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

    @Inject
    DigestService digests;

    @Inject
    Clock clock;

    @Scheduled(every = "${dyad.alert.digest.poll-interval}", delayed = "${dyad.alert.digest.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DigestSchedulerSwitch.class)
    void tick() {
        try {
            digests.closeDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("Closing digest windows failed, trying again at the next tick: %s", e.toString());
        }
    }
}
