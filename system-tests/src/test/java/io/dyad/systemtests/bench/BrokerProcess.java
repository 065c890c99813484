package io.dyad.systemtests.bench;

import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker (test-support's {@link EmbeddedKafka}: KRaft, one node, the topics made with the run's partition
 * count) in a JVM of its own, so that its CPU and memory are measured apart from the harness. Unlike the test
 * broker, which forces every record to disk, it flushes as a production broker does by default (the OS page cache,
 * replication being the durability a real cluster relies on); {@code -Ddyad.bench.kafka.flushEveryMessage=true}
 * restores the flush per record.
 */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final String bootstrapServers;
    private final Path dataDir;

    private BrokerProcess(Process process, String bootstrapServers, Path dataDir) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /** {@code BrokerProcess <logDir> <port> <controllerPort> <partitions> <flushEveryMessage>}: runs until SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        int partitions = Integer.parseInt(args[3]);
        Map<String, String> overrides = Boolean.parseBoolean(args[4]) ? Map.of()
                : Map.of("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        EmbeddedKafka broker = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), partitions, false, overrides);
        EmbeddedKafka.createTopics(broker.bootstrapServers(), partitions, List.of(Topics.ARTICLES_RAW,
                Topics.ARTICLES_TAGGED, Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX,
                Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-stop"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers());
        stopped.await();
    }

    static BrokerProcess start(int partitions, boolean flushEveryMessage, Path logFile)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dyad-bench-kafka-");
        int port = FreePorts.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the test JVM's class path holds test-support and the broker (Failsafe's manifest jar lists them)
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                BrokerProcess.class.getName(), dir.toString(), String.valueOf(port), String.valueOf(FreePorts.next()),
                String.valueOf(partitions), String.valueOf(flushEveryMessage))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see " + logFile);
            }
            if (Files.readString(logFile).contains("Kafka broker ready on 127.0.0.1:" + port)) {
                return new BrokerProcess(process, "127.0.0.1:" + port, dir);
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the broker did not start within 90 s; see " + logFile);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        DirectoryTrees.deleteTree(dataDir);
    }
}
