package io.dyad.systemtests.faults;

import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the fault tests' own, on its own port, that a test may stop and start mid-stream.
 * Never the shared server on 5432: other builds on this machine use that one. The data dir lives under /tmp because
 * the {@code postgres} user must be able to enter it.
 */
final class DedicatedPostgres implements AutoCloseable {

    private final Path dataDir = Path.of(System.getProperty("java.io.tmpdir"),
            "dyad-faults-pg-" + UUID.randomUUID().toString().substring(0, 8));
    private final int port = FreePorts.next();
    private LocalPostgres cluster;

    DedicatedPostgres start() {
        cluster = LocalPostgres.startCluster(dataDir, port, true);
        return this;
    }

    /** Stops the server (fast shutdown: open connections are cut, as in a failover or a restart for maintenance). */
    void stop() {
        cluster.stop();
    }

    String jdbcUrl(String database) {
        return cluster.jdbcUrl(database);
    }

    void createDatabase(String database) {
        cluster.createDatabase(database);
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
        try (Stream<Path> paths = Files.exists(dataDir) ? Files.walk(dataDir) : Stream.empty()) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // left for the OS to clean
        }
    }
}
