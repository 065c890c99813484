package io.dyad.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.contracts.RawArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The broker and the database go away mid-stream and come back: the Kafka broker is killed ({@code kill -9}, its own
 * process) and started again on the same ports and log dir; the (dedicated) PostgreSQL cluster is stopped for a while
 * and started again. The services stay up throughout. Every expected alert arrives, one webhook-id per story and
 * subscription, nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureRestartIT {

    private static final int ARTICLES = Integer.getInteger("dyad.faults.articles", ServiceCrashIT.DEFAULT_ARTICLES);
    private static final long OUTAGE_MS = Long.getLong("dyad.faults.outage-ms", 8000);

    private FaultSystem system;
    private final List<Subscription> subscriptions = new ArrayList<>();

    @BeforeAll
    void start() {
        system = new FaultSystem("infrastructure-restart", 6).startInfrastructure();
        system.startInstance(FaultSystem.CLASSIFY);
        system.startInstance(FaultSystem.ALERT);
        system.receiver.behave(ServiceCrashIT.FAIL_ONE_FIRST_ATTEMPT_IN_FIVE);
    }

    @AfterEach
    void unsubscribe() {
        system.unsubscribe(subscriptions);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void killingAndRestartingTheBrokerMidStreamLosesNothing() {
        subscribe("broker");
        List<RawArticle> articles = articles("broker");
        long started = System.nanoTime();
        // the producer (acks=all, idempotent) keeps retrying while the broker is away
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> system.publish(articles));
        awaitSuccesses(ARTICLES * subscriptions.size() / 4);
        System.out.println("[faults] broker killed after " + successes() + " deliveries");
        system.kafka.kill();
        FaultSystem.sleep(OUTAGE_MS);
        long restart = System.nanoTime();
        system.kafka.start();
        System.out.printf("[faults] broker back after %.1f s (restart %.1f s)%n", OUTAGE_MS / 1e3 + (System.nanoTime() - restart) / 1e9,
                (System.nanoTime() - restart) / 1e9);
        publishing.join();

        Tally tally = system.awaitDelivered(subscriptions, Articles.storiesOf(articles)::contains, Duration.ofSeconds(300 + ARTICLES / 10));
        report("broker kill -9 and restart", tally, started);
        assertThat(tally.expected()).isEqualTo(articles.size() * subscriptions.size());
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        assertThat(tally.repeatedSuccesses()).as(tally.toString()).isZero();
    }

    @Test
    @Order(2)
    void stoppingAndRestartingPostgresMidStreamLosesNothing() {
        subscribe("postgres");
        List<RawArticle> articles = articles("postgres");
        long started = System.nanoTime();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> system.publish(articles));
        awaitSuccesses(ARTICLES * subscriptions.size() / 4);
        System.out.println("[faults] PostgreSQL stopped after " + successes() + " deliveries");
        system.pg.stop();
        FaultSystem.sleep(OUTAGE_MS);
        system.pg.start();
        publishing.join();

        Tally tally = system.awaitDelivered(subscriptions, Articles.storiesOf(articles)::contains, Duration.ofSeconds(300 + ARTICLES / 10));
        report("PostgreSQL stop and restart", tally, started);
        assertThat(tally.expected()).isEqualTo(articles.size() * subscriptions.size());
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        // a send answered just as the database went away cannot be recorded as SENT; it is sent again with the same
        // webhook-id (at-least-once per id, as Standard Webhooks expects): at most one per parallel sender
        assertThat(tally.repeatedSuccesses()).as(tally.toString()).isLessThanOrEqualTo(8);
    }

    private void subscribe(String name) {
        subscriptions.add(system.webhook(name + "-a", "MX-US"));
        subscriptions.add(system.webhook(name + "-b", "MX-US"));
    }

    private List<RawArticle> articles(String tag) {
        return Articles.usMexicoBatch(system.run + "-" + tag, ARTICLES);
    }


    private long successes() {
        Set<String> paths = subscriptions.stream().map(Subscription::path).collect(Collectors.toSet());
        return system.receiver.calls().stream().filter(c -> paths.contains(c.path()) && c.success()).count();
    }

    private void awaitSuccesses(long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (successes() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " deliveries within 120 s");
            }
            FaultSystem.sleep(200);
        }
    }

    private static void report(String fault, Tally tally, long startedNanos) {
        System.out.printf("[faults] %s: %s; %.1f s from first publish to the last alert counted%n", fault, tally,
                (System.nanoTime() - startedNanos) / 1e9);
    }
}
