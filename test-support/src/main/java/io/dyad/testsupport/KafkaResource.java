package io.dyad.testsupport;

import io.dyad.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real in-process Kafka broker for a {@code @QuarkusTest} class ({@code @WithTestResource}) and points the
 * application at it. The broker is shared by every test class in the JVM, so classes reuse one started application.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka broker;

    /** The JVM-wide broker, started on first use with the pipeline topics created. */
    public static synchronized EmbeddedKafka broker() {
        if (broker == null) {
            broker = EmbeddedKafka.startTemporary(3);
            broker.createTopics(3, Topics.ARTICLES_RAW, Topics.ARTICLES_TAGGED,
                    Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX, Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX);
            EmbeddedKafka started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "dyad-kafka-stop"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // kept for the next test class; stopped when the JVM exits
    }
}
