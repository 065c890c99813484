package io.dyad.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests and the local launcher: the server on localhost:5432 when it accepts our credentials,
 * otherwise a cluster of our own started from the installed PostgreSQL binaries (as the {@code postgres} user when we
 * run as root, since PostgreSQL refuses to run as root).
 */
public final class LocalPostgres {

    public static final String USER = env("DYAD_PG_USER", "dyad");
    public static final String PASSWORD = env("DYAD_PG_PASSWORD", "dyad");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static LocalPostgres shared;

    private final String host;
    private final int port;
    private final Path dataDir;
    private final Path binDir;

    private LocalPostgres(String host, int port, Path dataDir, Path binDir) {
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.binDir = binDir;
    }

    /**
     * The PostgreSQL every test in this JVM shares: localhost:5432 when it accepts {@link #USER}/{@link #PASSWORD},
     * otherwise a throwaway cluster under {@code target/} that is deleted when the JVM exits.
     */
    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            LocalPostgres existing = new LocalPostgres("127.0.0.1", 5432, null, null);
            if (FreePorts.isListening("127.0.0.1", 5432) && existing.accepts()) {
                shared = existing;
            } else {
                shared = startThrowaway();
            }
        }
        return shared;
    }

    /** Connects to a server someone else runs. */
    public static LocalPostgres existing(String host, int port) {
        return new LocalPostgres(host, port, null, null);
    }

    private static LocalPostgres startThrowaway() {
        Path dir = Paths.get("target", "pg-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        if (ROOT && !postgresCanEnter(dir.getParent())) {
            dir = Paths.get(System.getProperty("java.io.tmpdir"), dir.getFileName().toString());
        }
        Path clusterDir = dir;
        LocalPostgres pg = startCluster(clusterDir, FreePorts.next(), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pg.stop();
            Directories.deleteRecursively(clusterDir);
        }, "dyad-pg-stop"));
        return pg;
    }

    /**
     * Starts (initialising on first use) a cluster with its data in {@code dataDir}, listening on 127.0.0.1:{@code
     * port}. A cluster started this way keeps running until {@link #stop()}; one already running is reused.
     */
    public static LocalPostgres startCluster(Path dataDir, int port, boolean throwaway) {
        LocalPostgres pg = cluster(dataDir, port);
        pg.initAndStart(throwaway);
        return pg;
    }

    /** A cluster of ours in {@code dataDir}, neither initialised nor started by this call. */
    public static LocalPostgres cluster(Path dataDir, int port) {
        Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
                "Dyad needs PostgreSQL: nothing accepts user '" + USER + "' on localhost:5432 and no PostgreSQL server "
                        + "binaries were found under /usr/lib/postgresql; install them (apt-get install -y postgresql) "
                        + "or set PG_BIN to their directory."));
        return new LocalPostgres("127.0.0.1", port, dataDir.toAbsolutePath(), bin);
    }

    private void initAndStart(boolean throwaway) {
        try {
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                Files.createDirectories(dataDir);
                if (ROOT) {
                    run(List.of("chown", "postgres:postgres", dataDir.toString()));
                }
                Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                runAsPostgres(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust",
                        "-U", USER, "-E", "UTF8", "--no-locale", "--no-sync"));
            }
            if (isRunning()) {
                return;
            }
            String options = "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                    + (throwaway ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
            runAsPostgres(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", options,
                    "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60", "start"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the PostgreSQL data dir " + dataDir, e);
        }
    }

    /** Stops a cluster this class started; does nothing for an existing server. */
    public void stop() {
        if (dataDir != null && isRunning()) {
            runAsPostgres(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w",
                    "stop"));
        }
    }

    private boolean isRunning() {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return false;
        }
        try {
            runAsPostgres(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "status"));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates {@code database} owned by {@link #USER} unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and '_': " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another JVM
                throw new IllegalStateException("cannot create database " + database + " on " + host + ":" + port, e);
            }
        }
    }

    /** The postgres user must reach the data dir; a checkout under /root, say, is closed to it. */
    private static boolean postgresCanEnter(Path dir) {
        try {
            Files.createDirectories(dir);
            run(List.of("runuser", "-u", "postgres", "--", "test", "-x", dir.toString()));
            return true;
        } catch (IllegalStateException | IOException e) {
            return false;
        }
    }

    private boolean accepts() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Optional<Path> findBinaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Paths.get(configured, "pg_ctl"))) {
            return Optional.of(Paths.get(configured));
        }
        Path root = Paths.get("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> parseVersion(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int parseVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void runAsPostgres(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("command failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
