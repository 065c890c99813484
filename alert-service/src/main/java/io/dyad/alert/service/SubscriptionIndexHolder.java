package io.dyad.alert.service;

import io.dyad.alert.matching.CountryMode;
import io.dyad.alert.matching.IndexedSubscription;
import io.dyad.alert.matching.SubscriptionFilter;
import io.dyad.alert.matching.SubscriptionIndex;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.SubscriptionRepository;
import io.dyad.alert.repository.SubscriptionRepository.Change;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * This replica's copy of the {@link SubscriptionIndex}, kept current from the subscription change log (a row per
 * changed subscription, written by a trigger on any replica; V15). Built in full at start; after that each
 * {@link #rebuild()} (called after a change made through this replica) and each refresh tick
 * ({@code dyad.alert.index.refresh-interval}, on every replica) reads the log rows it has not applied, reloads just
 * those subscriptions and applies them as a delta ({@link SubscriptionIndex#withChanges}): milliseconds at a million
 * subscriptions, where a full rebuild takes seconds. A full rebuild folds the delta in when it grows past
 * {@link #MERGE_AT} changes or is older than {@link #MERGE_AFTER}, when the log says everything changed (a truncate),
 * and at least every {@link #MAX_AGE} whatever the log says (a safety net); it is built off the lock and the changes
 * logged meanwhile are applied on top. Matching reads the current snapshot without locks.
 * <p>
 * Log rows are numbered from a sequence when a change is made, not when it commits, so a row may become visible after
 * a higher-numbered one: rows are re-read for {@link #LOOK_BACK} after the highest number seen, and each is applied
 * once. Rows older than {@link #KEEP_LOG} are pruned.
 */
@ApplicationScoped
public class SubscriptionIndexHolder {

    private static final Logger LOG = Logger.getLogger(SubscriptionIndexHolder.class);

    static final int MERGE_AT = 5_000;
    static final long MERGE_AFTER = TimeUnit.MINUTES.toNanos(10);
    static final long MAX_AGE = TimeUnit.MINUTES.toNanos(30);
    static final long LOOK_BACK = TimeUnit.MINUTES.toNanos(2);
    static final Duration KEEP_LOG = Duration.ofHours(1);
    static final long PRUNE_EVERY = TimeUnit.MINUTES.toNanos(10);

    /** null until the first build: matching against an empty stand-in would acknowledge articles without alerts */
    private final AtomicReference<SubscriptionIndex> current = new AtomicReference<>();

    /** one full build at a time; taken before {@code this}, never after */
    private final Object fullBuild = new Object();

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    MeterRegistry registry;

    // guarded by this: what of the change log is applied
    /** log rows at or below this number are older than the look-back: applied or covered by a full build */
    private long floor;
    /** the highest log number seen */
    private long highestSeen;
    /** numbers above the floor already applied */
    private final TreeSet<Long> applied = new TreeSet<>();
    /** (when, highest number seen then), oldest first: the floor moves to the number seen a look-back ago */
    private final ArrayDeque<long[]> marks = new ArrayDeque<>();

    private volatile long builtAt = System.nanoTime();
    private volatile long firstPendingAt;
    private volatile long prunedAt = System.nanoTime();
    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("dyad.alert.index.subscriptions", this, holder -> holder.current().size())
                .description("Subscriptions in this replica's in-memory index").register(registry);
        Gauge.builder("dyad.alert.index.pending.changes", this, holder -> holder.current().pendingChanges())
                .description("Subscription changes in the index's delta, not yet merged by a full rebuild")
                .register(registry);
        current();
    }

    @Scheduled(every = "${dyad.alert.index.refresh-interval}", delayed = "${dyad.alert.index.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (stopping) {
            return;
        }
        try {
            SubscriptionIndex index = current();
            long now = System.nanoTime();
            int pending = index.pendingChanges();
            if (!catchUp() || pending >= MERGE_AT || (pending > 0 && now - firstPendingAt > MERGE_AFTER)
                    || now - builtAt > MAX_AGE) {
                fullRebuild();
            }
            if (now - prunedAt > PRUNE_EVERY) {
                prunedAt = now;
                QuarkusTransaction.requiringNew().call(() -> subscriptions.pruneChangeLog(KEEP_LOG));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not update the subscription index, keeping the current one: %s", e.toString());
        }
    }

    public SubscriptionIndex current() {
        SubscriptionIndex index = current.get();
        return index != null ? index : firstBuild();
    }

    // The Kafka intake can start before this bean's StartupEvent build (seen after a restart: the first records of a
    // backlog matched nothing and were acknowledged), so the first reader builds the index and the others wait for it.
    private SubscriptionIndex firstBuild() {
        synchronized (fullBuild) {
            if (current.get() == null) {
                fullRebuild();
            }
        }
        return current.get();
    }

    /**
     * Brings this replica's index up to date with the change log now (called after a change made through this
     * replica, once its transaction committed): the changed subscriptions only, or a full build when there is none
     * yet or the log says everything changed.
     */
    public void rebuild() {
        if (current.get() == null) {
            firstBuild();
        } else if (!catchUp()) {
            fullRebuild();
        }
    }

    /** Applies the log rows not applied yet; false when one says everything changed (a full build is due). */
    private synchronized boolean catchUp() {
        List<Change> rows = QuarkusTransaction.requiringNew().call(() -> subscriptions.changesAfter(floor));
        Set<UUID> ids = new LinkedHashSet<>();
        List<Long> fresh = new ArrayList<>();
        for (Change row : rows) {
            if (!applied.contains(row.seq())) {
                if (row.subscriptionId() == null) {
                    return false;
                }
                ids.add(row.subscriptionId());
                fresh.add(row.seq());
            }
        }
        if (!ids.isEmpty()) {
            List<IndexedSubscription> changed = QuarkusTransaction.requiringNew().call(() -> subscriptions
                    .listEnabled(ids).stream().map(SubscriptionIndexHolder::indexedOrNull)
                    .filter(java.util.Objects::nonNull).toList());
            Set<UUID> gone = new LinkedHashSet<>(ids);
            changed.forEach(s -> gone.remove(s.id()));
            SubscriptionIndex before = current.get();
            if (before.pendingChanges() == 0) {
                firstPendingAt = System.nanoTime();
            }
            current.set(before.withChanges(changed, gone));
        }
        applied.addAll(fresh);
        advanceFloor(rows);
        return true;
    }

    private void advanceFloor(List<Change> rows) {
        for (Change row : rows) {
            highestSeen = Math.max(highestSeen, row.seq());
        }
        long now = System.nanoTime();
        marks.addLast(new long[] {now, highestSeen});
        while (!marks.isEmpty() && now - marks.peekFirst()[0] > LOOK_BACK) {
            floor = Math.max(floor, marks.pollFirst()[1]);
        }
        applied.headSet(floor, true).clear();
    }

    /**
     * Reads every enabled subscription and swaps in a new base index; the log rows visible before the read are
     * covered by it, and those logged during the build are applied on top. Built without holding {@code this}, so
     * changes made meanwhile do not wait seconds.
     */
    private void fullRebuild() {
        synchronized (fullBuild) {
            for (int attempt = 0; attempt < 3; attempt++) {
                long start = System.nanoTime();
                long since;
                synchronized (this) {
                    since = floor;
                }
                List<Change> covered = QuarkusTransaction.requiringNew().call(() -> subscriptions.changesAfter(since));
                List<IndexedSubscription> all = QuarkusTransaction.requiringNew().call(() -> subscriptions
                        .listEnabled().stream().map(SubscriptionIndexHolder::indexedOrNull)
                        .filter(java.util.Objects::nonNull).toList());
                SubscriptionIndex next = SubscriptionIndex.of(all);
                boolean caughtUp;
                synchronized (this) {
                    current.set(next);
                    builtAt = System.nanoTime();
                    applied.clear();
                    covered.forEach(c -> applied.add(c.seq()));
                    advanceFloor(covered);
                    caughtUp = catchUp();
                }
                LOG.debugf("Subscription index rebuilt: %d subscriptions in %d ms", next.size(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                if (caughtUp) {
                    return;
                }
            }
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
