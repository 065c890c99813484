package io.dyad.ingest.fetch;

import io.agroal.api.AgroalDataSource;
import io.dyad.ingest.config.IngestConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@link HostTurns} in PostgreSQL (table {@code host_turns}, one row per host): a turn is claimed with one
 * {@code INSERT … ON CONFLICT DO UPDATE … WHERE} that succeeds only when nobody holds the host and its pause is over
 * (on the database's clock, which all replicas share); ending the turn clears the holder and sets the next allowed
 * moment to now + {@code per-host-delay}. A turn is a lease of the fetch timeout plus a margin, so a replica that
 * dies holding one blocks the host no longer than that. Waiting polls the row at most every 100 ms, never past the
 * caller's deadline. If the database cannot be asked, the request goes ahead (politeness falls back to this
 * replica's own gate) rather than failing the fetch. Each statement autocommits on its own connection: a turn is
 * never part of an ingest transaction.
 */
@Singleton
public class SharedHostTurns implements HostTurns {

    private static final Logger LOG = Logger.getLogger(SharedHostTurns.class);
    private static final String CLAIM = "INSERT INTO host_turns AS t (host, holder, held_until, not_before) "
            + "VALUES (?, ?, clock_timestamp() + ? * interval '1 millisecond', '-infinity') "
            + "ON CONFLICT (host) DO UPDATE SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until "
            + "WHERE t.held_until <= clock_timestamp() AND t.not_before <= clock_timestamp() RETURNING 1";
    private static final String WAIT = "SELECT GREATEST(held_until, not_before) - clock_timestamp() > interval '0' "
            + "AS busy, EXTRACT(EPOCH FROM GREATEST(held_until, not_before) - clock_timestamp()) * 1000 AS wait_ms "
            + "FROM host_turns WHERE host = ?";
    private static final String END = "UPDATE host_turns SET holder = NULL, held_until = '-infinity', "
            + "not_before = clock_timestamp() + ? * interval '1 millisecond' WHERE host = ? AND holder = ?";
    private static final long MAX_POLL_MS = 100;

    private final AgroalDataSource db;
    private final long leaseMs;
    private final long pauseMs;

    @Inject
    public SharedHostTurns(AgroalDataSource db, IngestConfig config) {
        this(db, config.fetch().timeout().plusSeconds(5), config.fetch().perHostDelay());
    }

    public SharedHostTurns(AgroalDataSource db, Duration lease, Duration pause) {
        this.db = db;
        this.leaseMs = lease.toMillis();
        this.pauseMs = pause.toMillis();
    }

    @Override
    public Turn take(String host, Instant deadline) {
        String holder = UUID.randomUUID().toString();
        try {
            while (!claim(host, holder)) {
                long waitMs = Math.min(MAX_POLL_MS, Math.max(1, waitMs(host)));
                if (Instant.now().plusMillis(waitMs).isAfter(deadline)) {
                    throw new FetchException(FetchOutcome.TIMEOUT, "the host " + host + " stayed busy with other "
                            + "replicas' requests until the deadline (one request at a time per host)");
                }
                TimeUnit.MILLISECONDS.sleep(waitMs);
            }
        } catch (SQLException e) {
            LOG.warnf("host %s: shared politeness unavailable (%s); this replica's own gate applies", host,
                    e.getMessage());
            return () -> { };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchOutcome.NETWORK_ERROR, "interrupted while waiting for " + host);
        }
        return () -> end(host, holder);
    }

    private boolean claim(String host, String holder) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(CLAIM)) {
            c.setAutoCommit(true);
            st.setString(1, host);
            st.setString(2, holder);
            st.setLong(3, leaseMs);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private long waitMs(String host) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(WAIT)) {
            c.setAutoCommit(true);
            st.setString(1, host);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean("busy") ? (long) Math.ceil(rs.getDouble("wait_ms")) : 1;
            }
        }
    }

    private void end(String host, String holder) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(END)) {
            c.setAutoCommit(true);
            st.setLong(1, pauseMs);
            st.setString(2, host);
            st.setString(3, holder);
            st.executeUpdate();
        } catch (SQLException e) {
            // the lease lapses on its own
            LOG.warnf("host %s: shared turn not ended (%s); it lapses with its lease", host, e.getMessage());
        }
    }
}
