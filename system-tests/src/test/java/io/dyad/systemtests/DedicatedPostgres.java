package io.dyad.systemtests;

import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A throwaway PostgreSQL cluster of a test's or the benchmark's own, on its own port, that a fault test may stop and
 * start mid-stream and the benchmark measures apart (its postmaster's pid). Never the shared server on 5432: other
 * builds on this machine use that one. The data dir lives under /tmp because the {@code postgres} user must be able
 * to enter it; it is deleted on {@link #close()}.
 */
public final class DedicatedPostgres implements AutoCloseable {

    private final Path dataDir = Path.of(System.getProperty("java.io.tmpdir"),
            "dyad-pg-" + UUID.randomUUID().toString().substring(0, 8));
    private final int port = FreePorts.next();
    private final boolean durable;
    private LocalPostgres cluster;

    /**
     * {@code durable}: fsync and synchronous commit on, as in production (the benchmark); otherwise off, which is
     * faster and enough for tests that stop the server cleanly.
     */
    public DedicatedPostgres(boolean durable) {
        this.durable = durable;
    }

    /** Starts the server (initialising the cluster the first time). */
    public DedicatedPostgres start() {
        cluster = LocalPostgres.startCluster(dataDir, port, !durable);
        return this;
    }

    /** Stops the server (fast shutdown: open connections are cut, as in a failover or a restart for maintenance). */
    public void stop() {
        cluster.stop();
    }

    public String jdbcUrl(String database) {
        return cluster.jdbcUrl(database);
    }

    public void createDatabase(String database) {
        cluster.createDatabase(database);
    }

    /** The postmaster's pid (its backends are its children). */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("the cluster in " + dataDir + " is not running", e);
        }
    }

    @Override
    public void close() {
        if (cluster != null) {
            try {
                cluster.stop();
            } catch (RuntimeException ignored) {
                // already stopped
            }
        }
        DirectoryTrees.deleteTree(dataDir);
    }
}
