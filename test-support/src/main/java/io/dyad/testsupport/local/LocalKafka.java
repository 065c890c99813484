package io.dyad.testsupport.local;

import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A broker in a JVM of its own, for the local launcher and for the system tests that kill and restart it:
 * {@code LocalKafka <logDir> <port> <controllerPort> <partitions> [flushEveryMessage]}. The log dir is formatted on
 * first use and kept, so a restart keeps topics and offsets; the pipeline's topics are made before "ready" is printed;
 * SIGTERM shuts the broker down cleanly. {@code flushEveryMessage} (default true, as the test broker) false leaves
 * flushing to the OS page cache, as a production broker does by default.
 */
public final class LocalKafka {

    /** The line printed once the broker answers and the pipeline's topics exist. */
    public static final String READY = "Kafka broker ready on ";

    private LocalKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: LocalKafka <logDir> <port> <controllerPort> <partitions> [flushEveryMessage]");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]);
        int partitions = Integer.parseInt(args[3]);
        boolean flushEveryMessage = args.length == 4 || Boolean.parseBoolean(args[4]);
        Map<String, String> overrides = flushEveryMessage ? Map.of()
                : Map.of("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        EmbeddedKafka broker = EmbeddedKafka.start(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                partitions, false, overrides);
        EmbeddedKafka.createTopics(broker.bootstrapServers(), partitions, List.of(Topics.ARTICLES_RAW,
                Topics.ARTICLES_TAGGED, Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX,
                Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-stop"));
        System.out.println(READY + broker.bootstrapServers());
        stopped.await();
    }
}
