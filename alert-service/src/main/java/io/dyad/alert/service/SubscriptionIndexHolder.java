package io.dyad.alert.service;

import io.dyad.alert.matching.IndexedSubscription;
import io.dyad.alert.matching.SubscriptionIndex;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.SubscriptionRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * This replica's copy of the {@link SubscriptionIndex}. Rebuilt from the database at start, after every change made
 * through this replica, and on a short schedule ({@code dyad.alert.index.refresh-interval}) to pick up changes made
 * on other replicas. Matching reads the current snapshot without locks; rebuilds swap in a new one.
 */
@ApplicationScoped
public class SubscriptionIndexHolder {

    private static final Logger LOG = Logger.getLogger(SubscriptionIndexHolder.class);

    private final AtomicReference<SubscriptionIndex> current = new AtomicReference<>(SubscriptionIndex.empty());

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    MeterRegistry registry;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("dyad.alert.index.subscriptions", this, holder -> holder.current().size())
                .description("Subscriptions in this replica's in-memory index").register(registry);
        rebuild();
    }

    @Scheduled(every = "${dyad.alert.index.refresh-interval}", delayed = "${dyad.alert.index.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (stopping) {
            return;
        }
        try {
            rebuild();
        } catch (RuntimeException e) {
            LOG.warnf("Could not reload the subscription index, keeping the current one: %s", e.toString());
        }
    }

    public SubscriptionIndex current() {
        return current.get();
    }

    /** Reads every enabled subscription in a transaction of its own and swaps in the new index. */
    public synchronized void rebuild() {
        List<IndexedSubscription> all = QuarkusTransaction.requiringNew()
                .call(() -> subscriptions.listEnabled().stream().map(SubscriptionIndexHolder::indexed).toList());
        SubscriptionIndex next = SubscriptionIndex.of(all);
        SubscriptionIndex previous = current.getAndSet(next);
        if (previous.size() != next.size()) {
            LOG.debugf("Subscription index: %d subscriptions", next.size());
        }
    }

    static IndexedSubscription indexed(Subscription s) {
        return new IndexedSubscription(s.id, s.name, Set.of(s.pairs), Set.of(s.countries), Set.of(s.issues));
    }
}
