package io.dyad.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Dyad service ({@code target/quarkus-app/quarkus-run.jar}) running as a separate JVM process. Public so
 * that the fault tests ({@code io.dyad.systemtests.faults}) can run several instances of one service and kill them,
 * and the load benchmark can run them with its own JVM options and sample them by pid.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;

    /**
     * The JVM options operators get (the images' JAVA_OPTS_APPEND and GC_CONTAINER_OPTIONS, run-local.sh): the load
     * and start-up benchmarks use them so that they measure what is deployed. In step with deploy/README.md's "JVM
     * settings", which says why each is there. The AppCDS archive is relative: the JVM runs in the jar's directory.
     */
    public static final List<String> OPERATOR_JVM_OPTIONS = List.of("-XX:SharedArchiveFile=app-cds.jsa", "-Xms32m",
            "-Xmx512m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    /**
     * Environment every service process gets unless the caller sets it: at most two glibc malloc arenas (by default
     * glibc gives each thread that allocates concurrently an arena of its own, up to 8 per core, most of them touched
     * and kept), as the images set it.
     */
    public static final Map<String, String> OPERATOR_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    /**
     * Small-heap, quick-start JVM options: the tests run many service JVMs on two cores. C1 only (the tests need no
     * peak throughput) and the AppCDS archive cut each start's CPU time.
     */
    static final List<String> TEST_JVM_OPTIONS = List.of("-XX:SharedArchiveFile=app-cds.jsa", "-Xmx256m",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public ServiceProcess(String name, Path root, int port, Map<String, String> env, Path logDir) {
        this(name, name, root, port, env, logDir, TEST_JVM_OPTIONS);
    }

    /** An instance of {@code name} whose output goes to {@code <logDir>/<instance>.log} (several replicas, one dir). */
    public ServiceProcess(String name, String instance, Path root, int port, Map<String, String> env, Path logDir) {
        this(name, instance, root, port, env, logDir, TEST_JVM_OPTIONS);
    }

    /** As above with the JVM's own options (the load benchmark runs the services with the full JIT). */
    public ServiceProcess(String name, Path root, int port, Map<String, String> env, Path logDir,
            List<String> jvmOptions) {
        this(name, name, root, port, env, logDir, jvmOptions);
    }

    /** An instance with its own log and JVM options (the start-up benchmark: one log per start). */
    public ServiceProcess(String name, String instance, Path root, int port, Map<String, String> env, Path logDir,
            List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.name = name;
        this.jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.port = port;
        this.env = env;
        this.log = logDir.resolve(instance + ".log");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify builds them)");
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the JVM and waits until {@code /q/health/ready} answers 200 (Kafka and database reachable). */
    public ServiceProcess start() {
        return start(Duration.ofSeconds(90));
    }

    /** As {@link #start()}, waiting up to {@code readyTimeout} (a busy machine starts several JVMs slowly). */
    public ServiceProcess start(Duration readyTimeout) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        // from the jar's directory, as operators run it: the AppCDS archive records the class path relative to it
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(OPERATOR_ENV);
        builder.environment().putAll(env);
        env.forEach((key, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(key); // an empty value unsets (a benchmark's baseline)
            }
        });
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitReady(readyTimeout);
        return this;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(100); // fine enough to time a start of a few seconds
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** Graceful stop (SIGTERM): the service leaves its consumer group and finishes in-flight work. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** kill -9: no shutdown hooks, no offset commits. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The operating-system process id (for kill -9 and /proc sampling), or -1 before the first start. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
