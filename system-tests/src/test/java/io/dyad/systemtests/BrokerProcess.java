package io.dyad.systemtests;

import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.local.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real Kafka broker of {@code test-support} ({@link EmbeddedKafka}: KRaft, one node, the pipeline's topics made
 * with the run's partition count), started as {@link LocalKafka} in a JVM of its own, as {@code run-local.sh} starts
 * it: a fault test can {@code kill -9} it and start it again on the same ports and log dir, as a broker restart in
 * production, and the load benchmark measures its CPU and memory apart from the harness. By default it forces every
 * record to disk, as the test broker does; with {@code flushEveryMessage} false it flushes as a production broker does
 * by default (the OS page cache, replication being the durability a real cluster relies on).
 */
public final class BrokerProcess implements AutoCloseable {

    /** The fault tests' broker JVM: many JVMs share two cores there. */
    public static final List<String> SMALL_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC");

    private final Path dataDir;
    private final Path logFile;
    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final int partitions;
    private final List<String> jvmOptions;
    private final boolean flushEveryMessage;
    private Process process;

    /** A broker keeping its data in {@code dataDir}, writing its output to {@code logFile}, flushing every record. */
    public BrokerProcess(Path dataDir, Path logFile, int partitions) {
        this(dataDir, logFile, partitions, SMALL_JVM, true);
    }

    public BrokerProcess(Path dataDir, Path logFile, int partitions, List<String> jvmOptions,
            boolean flushEveryMessage) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.partitions = partitions;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.flushEveryMessage = flushEveryMessage;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the broker and waits until it answers an admin request and has the pipeline's topics. */
    public BrokerProcess start(Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // the test JVM's class path holds test-support and the broker (Failsafe's manifest jar lists them)
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalKafka.class.getName(),
                dataDir.toString(), String.valueOf(port), String.valueOf(controllerPort), String.valueOf(partitions),
                String.valueOf(flushEveryMessage)));
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker", e);
        }
        awaitReady(timeout);
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
                    if (admin.listTopics().names().get(3, TimeUnit.SECONDS)
                            .contains(Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX)) {
                        return;
                    }
                } catch (Exception e) {
                    // starting
                }
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the broker was not ready within " + timeout + "; see " + logFile);
    }

    /** kill -9: no controlled shutdown, nothing flushed beyond what the broker had already written. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM: the broker shuts down cleanly (killed if it has not within a minute). */
    public void stop() {
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

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        stop();
        DirectoryTrees.deleteTree(dataDir);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
