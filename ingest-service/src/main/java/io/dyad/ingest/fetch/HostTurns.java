package io.dyad.ingest.fetch;

import java.time.Instant;

/**
 * A host's turn shared by every replica: at most one request to a host in flight across all of them, and the
 * per-host pause counted from the end of the last request, whichever replica sent it. {@link #LOCAL_ONLY} shares
 * nothing (plain tests, tools); the service uses {@link SharedHostTurns} (PostgreSQL).
 */
public interface HostTurns {

    /** Held while a request is in flight; {@link #close()} ends the turn and starts the host's pause. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for the host's turn.
     *
     * @throws FetchException (TIMEOUT) when the turn does not come before {@code deadline}
     */
    Turn take(String host, Instant deadline);

    HostTurns LOCAL_ONLY = (host, deadline) -> () -> { };
}
