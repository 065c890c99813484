package io.dyad.systemtests.faults;

import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.local.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real Kafka broker of {@code test-support} ({@link LocalKafka}: KRaft, one node) in a JVM of its own, so that a
 * test can {@code kill -9} it and start it again on the same ports and log dir, as a broker restart in production.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path logDir;
    private final Path logFile;
    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final int partitions;
    private Process process;

    /** A broker keeping its data in {@code dataDir} and writing its output to {@code logFile}. */
    BrokerProcess(Path dataDir, Path logFile, int partitions) {
        this.logDir = dataDir;
        this.logFile = logFile;
        this.partitions = partitions;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (formatting the log dir the first time) and waits until it answers an admin request. */
    BrokerProcess start() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LocalKafka.class.getName(), logDir.toString(), String.valueOf(port), String.valueOf(controllerPort),
                String.valueOf(partitions));
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker", e);
        }
        awaitReady(FaultSystem.START_TIMEOUT);
        return this;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see " + logFile);
            }
            if (FreePorts.isListening("127.0.0.1", port)) {
                try (Admin admin = Admin.create(config)) {
                    // LocalKafka creates the pipeline's topics before it prints "ready": wait for the last one
                    if (admin.listTopics().names().get(3, TimeUnit.SECONDS).contains("dyad.articles.tagged.dlq")) {
                        return;
                    }
                } catch (Exception e) {
                    // starting
                }
            }
            sleep(250);
        }
        throw new IllegalStateException("the broker was not ready within " + timeout + "; see " + logFile);
    }

    /** kill -9: no controlled shutdown, nothing flushed beyond what the broker had already written. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM: the broker shuts down cleanly. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
