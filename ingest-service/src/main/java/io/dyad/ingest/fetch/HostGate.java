package io.dyad.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Politeness per host: inside one replica at most one request in flight to a host and at least {@code minDelay}
 * between the end of one request and the start of the next; then the host's turn across replicas
 * ({@link HostTurns}), so that several replicas together keep the same limits. Waiting counts against the caller's
 * deadline.
 */
final class HostGate {

    /** Held while a request to a host is in flight; {@link #close()} starts the host's pause. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Slot {
        final Semaphore permit = new Semaphore(1, true);
        volatile long notBeforeNanos = System.nanoTime();
    }

    private final Duration minDelay;
    private final HostTurns shared;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    HostGate(Duration minDelay, HostTurns shared) {
        this.minDelay = minDelay;
        this.shared = shared;
    }

    /** @throws FetchException (TIMEOUT) when the host does not become free before {@code deadline} */
    Pass enter(URI uri, Instant deadline) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        Slot slot = slots.computeIfAbsent(host, h -> new Slot());
        try {
            long waitMs = Duration.between(Instant.now(), deadline).toMillis();
            if (waitMs <= 0 || !slot.permit.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                throw busy(host);
            }
            long pause = slot.notBeforeNanos - System.nanoTime();
            if (pause > 0) {
                if (Instant.now().plusNanos(pause).isAfter(deadline)) {
                    slot.permit.release();
                    throw busy(host);
                }
                TimeUnit.NANOSECONDS.sleep(pause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchOutcome.NETWORK_ERROR, "interrupted while waiting for " + host);
        }
        HostTurns.Turn turn;
        try {
            turn = shared.take(host, deadline);
        } catch (RuntimeException e) {
            slot.permit.release();
            throw e;
        }
        return () -> {
            try {
                turn.close();
            } finally {
                slot.notBeforeNanos = System.nanoTime() + minDelay.toNanos();
                slot.permit.release();
            }
        };
    }

    private static FetchException busy(String host) {
        return new FetchException(FetchOutcome.TIMEOUT, "the host " + host + " stayed busy with our other requests "
                + "until the deadline (one request at a time per host)");
    }
}
