package io.dyad.testsupport.local;

import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local launcher's broker in a JVM of its own: {@code LocalKafka <logDir> <port> <controllerPort> <partitions>}.
 * Data survives restarts; SIGTERM shuts the broker down cleanly.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: LocalKafka <logDir> <port> <controllerPort> <partitions>");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]);
        int partitions = Integer.parseInt(args[3]);
        EmbeddedKafka broker = EmbeddedKafka.start(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                partitions, false);
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
}
