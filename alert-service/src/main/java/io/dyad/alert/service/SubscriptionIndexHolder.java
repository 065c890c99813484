package io.dyad.alert.service;

import io.dyad.alert.matching.CountryMode;
import io.dyad.alert.matching.IndexedSubscription;
import io.dyad.alert.matching.KeywordMonitor;
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
 * subscription change counter moved (a trigger bumps it in the transaction of every insert, update or delete, on any
 * replica), so an unchanged set of subscriptions costs one tiny query per interval. Matching reads the current snapshot
 * without locks; rebuilds swap in a new one. Keyword-only subscriptions live in one long-lived {@link KeywordMonitor}
 * that each rebuild updates with just the changes.
 */
@ApplicationScoped
public class SubscriptionIndexHolder {

    private static final Logger LOG = Logger.getLogger(SubscriptionIndexHolder.class);

    private final AtomicReference<SubscriptionIndex> current = new AtomicReference<>(SubscriptionIndex.empty());

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    MeterRegistry registry;

    private final KeywordMonitor monitor = new KeywordMonitor();

    /** the change counter the current index was built at; -1 = never built */
    private volatile long builtVersion = -1;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        monitor.close();
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
            Long version = QuarkusTransaction.requiringNew().call(subscriptions::indexVersion);
            if (version == null || version != builtVersion) {
                rebuild();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not reload the subscription index, keeping the current one: %s", e.toString());
        }
    }

    public SubscriptionIndex current() {
        return current.get();
    }

    /** Reads every enabled subscription (and the change counter) in one transaction and swaps in the new index. */
    public synchronized void rebuild() {
        Snapshot snapshot = QuarkusTransaction.requiringNew().call(() -> new Snapshot(subscriptions.indexVersion(),
                subscriptions.listEnabled().stream().map(SubscriptionIndexHolder::indexedOrNull)
                        .filter(java.util.Objects::nonNull).toList()));
        SubscriptionIndex next = SubscriptionIndex.of(snapshot.subscriptions(), monitor);
        builtVersion = snapshot.version() == null ? -1 : snapshot.version();
        SubscriptionIndex previous = current.getAndSet(next);
        if (previous.size() != next.size()) {
            LOG.debugf("Subscription index: %d subscriptions", next.size());
        }
    }

    private record Snapshot(Long version, List<IndexedSubscription> subscriptions) {
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
