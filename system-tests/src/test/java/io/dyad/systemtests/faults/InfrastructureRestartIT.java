package io.dyad.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.contracts.RawArticle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The broker and the database go away mid-stream and come back: the Kafka broker is killed ({@code kill -9}, its own
 * process) and started again on the same ports and log dir; the (dedicated) PostgreSQL cluster is stopped for a while
 * and started again. The services stay up throughout. Every expected alert arrives, one webhook-id per story and
 * subscription, nothing else.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureRestartIT extends FaultTest {

    private static final int ARTICLES = FaultSystem.ARTICLES;
    private static final long OUTAGE_MS = Long.getLong("dyad.faults.outage-ms", 8000);


    @BeforeAll
    void start() {
        system = FaultSystem.startWithRetriesPending("infrastructure-restart");
    }

    @Test
    @Order(1)
    void killingAndRestartingTheBrokerMidStreamLosesNothing() {
        // the producer (acks=all, idempotent) keeps retrying while the broker is away
        Tally tally = outageMidStream("broker", "broker killed", system.kafka::kill, () -> {
            long restart = System.nanoTime();
            system.kafka.start(FaultSystem.START_TIMEOUT);
            System.out.printf("[faults] broker back after %.1f s (restart %.1f s)%n",
                    OUTAGE_MS / 1e3 + (System.nanoTime() - restart) / 1e9, (System.nanoTime() - restart) / 1e9);
        }, "broker kill -9 and restart");
        assertThat(tally.repeatedSuccesses()).as(tally.toString()).isZero();
    }

    @Test
    @Order(2)
    void stoppingAndRestartingPostgresMidStreamLosesNothing() {
        Tally tally = outageMidStream("postgres", "PostgreSQL stopped", system.pg::stop, system.pg::start,
                "PostgreSQL stop and restart");
        // a send answered just as the database went away cannot be recorded as SENT; it is sent again with the same
        // webhook-id (at-least-once per id, as Standard Webhooks expects): at most one per parallel sender
        assertThat(tally.repeatedSuccesses()).as(tally.toString()).isLessThanOrEqualTo(8);
    }

    /**
     * Two subscriptions and {@link FaultSystem#ARTICLES} articles published in the background; once a quarter of the
     * alerts arrived, {@code down} runs, then {@code OUTAGE_MS} later {@code up}. Every alert must arrive.
     */
    private Tally outageMidStream(String tag, String downLine, Runnable down, Runnable up, String fault) {
        subscriptions.addAll(system.twoUsMexicoWebhooks(tag));
        List<RawArticle> articles = system.usMexicoArticles(tag);
        long started = System.nanoTime();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> system.publish(articles));
        awaitSuccesses(ARTICLES * subscriptions.size() / 4);
        System.out.println("[faults] " + downLine + " after " + successes() + " deliveries");
        down.run();
        FaultSystem.sleep(OUTAGE_MS);
        up.run();
        publishing.join();

        Tally tally = system.awaitDelivered(subscriptions, Articles.storiesOf(articles)::contains,
                Duration.ofSeconds(300 + ARTICLES / 10));
        FaultSystem.report(fault, tally, started);
        assertThat(tally.expected()).isEqualTo(articles.size() * subscriptions.size());
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        return tally;
    }

    private long successes() {
        return system.successes(subscriptions);
    }

    private void awaitSuccesses(long n) {
        FaultSystem.awaitOrFail(() -> successes() >= n, Duration.ofSeconds(120), n + " deliveries");
    }
}
