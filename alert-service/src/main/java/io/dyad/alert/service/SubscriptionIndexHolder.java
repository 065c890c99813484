package io.dyad.alert.service;

import io.dyad.alert.matching.CountryMode;
import io.dyad.alert.matching.IndexedSubscription;
import io.dyad.alert.matching.SubscriptionFilter;
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
 * through this replica, and when the refresh ({@code dyad.alert.index.refresh-interval}) sees that the database's
 * subscription change counter moved (a trigger draws from a sequence with every insert, update or delete, on any
 * replica; rebuilt on that tick and the next, as the change may commit after it drew), and at least every minute; so an
 * unchanged set of subscriptions costs one tiny query per interval. Matching reads the current snapshot
 * without locks; rebuilds swap in a new one.
 */
@ApplicationScoped
public class SubscriptionIndexHolder {

    private static final Logger LOG = Logger.getLogger(SubscriptionIndexHolder.class);

    /** null until the first build: matching against an empty stand-in would acknowledge articles without alerts */
    private final AtomicReference<SubscriptionIndex> current = new AtomicReference<>();

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    MeterRegistry registry;

    /** a full rebuild at least this often, whatever the counter says (a safety net) */
    static final long MAX_AGE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    /** the change counter at the last refresh; -1 = not read yet */
    private long lastSeenVersion = -1;
    /** the counter moved at the last refresh: rebuild once more, for a change whose transaction committed later */
    private boolean settling;
    private volatile long builtAt = System.nanoTime();

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
            // nextval runs before its transaction commits: after the counter moves, rebuild on this tick and the next
            long version = QuarkusTransaction.requiringNew().call(subscriptions::indexVersion);
            boolean moved = version != lastSeenVersion;
            if (moved || settling || System.nanoTime() - builtAt > MAX_AGE_NANOS) {
                rebuild();
            }
            settling = moved;
            lastSeenVersion = version;
        } catch (RuntimeException e) {
            LOG.warnf("Could not reload the subscription index, keeping the current one: %s", e.toString());
        }
    }

    public SubscriptionIndex current() {
        SubscriptionIndex index = current.get();
        return index != null ? index : firstBuild();
    }

    // The Kafka intake can start before this bean's StartupEvent build (seen after a restart: the first records of a
    // backlog matched nothing and were acknowledged), so the first reader builds the index and the others wait for it.
    private synchronized SubscriptionIndex firstBuild() {
        if (current.get() == null) {
            rebuild();
        }
        return current.get();
    }

    /** Reads every enabled subscription (and the change counter) in one transaction and swaps in the new index. */
    public synchronized void rebuild() {
        List<IndexedSubscription> all = QuarkusTransaction.requiringNew().call(() -> subscriptions.listEnabled()
                .stream().map(SubscriptionIndexHolder::indexedOrNull).filter(java.util.Objects::nonNull).toList());
        SubscriptionIndex next = SubscriptionIndex.of(all);
        builtAt = System.nanoTime();
        SubscriptionIndex previous = current.getAndSet(next);
        if (previous == null || previous.size() != next.size()) {
            LOG.debugf("Subscription index: %d subscriptions", next.size());
        }
    }

    /** A subscription whose stored query no longer parses matches nothing (rather than stop the whole rebuild). */
    private static IndexedSubscription indexedOrNull(Subscription s) {
        try {
            return indexed(s);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Subscription %s left out of the index: its query %s", s.id, e.getMessage());
            return null;
        }
    }

    static IndexedSubscription indexed(Subscription s) {
        return new IndexedSubscription(s.id, s.name, filter(s));
    }

    /** A stored subscription's filter (validated when it was stored). */
    public static SubscriptionFilter filter(Subscription s) {
        return new SubscriptionFilter(Set.of(s.pairs), Set.of(s.countries),
                CountryMode.fromId(s.countryMode).orElse(CountryMode.ANY), Set.of(s.issues), s.query,
                s.languages == null ? Set.of() : Set.of(s.languages), s.sources == null ? Set.of() : Set.of(s.sources),
                s.minScore);
    }
}
