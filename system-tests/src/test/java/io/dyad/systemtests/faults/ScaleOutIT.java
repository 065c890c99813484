package io.dyad.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.contracts.RawArticle;
import io.dyad.contracts.Topics;
import io.dyad.systemtests.ServiceProcess;
import io.dyad.testsupport.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * classify-service and alert-service scaled from one instance to three during a replay: after a first batch is
 * alerted, both consumer groups are rewound to the start of their topics, new articles keep arriving (20/s), and two
 * more instances of each service join while the replay and the new articles are processed (partitions rebalance
 * across processes, three delivery workers share the outbox). Every story of both batches is alerted once per subscription; the replayed first batch
 * sends nothing again.
 */
class ScaleOutIT extends FaultTest {

    private static final int ARTICLES = FaultSystem.ARTICLES;


    @BeforeAll
    void start() {
        system = FaultSystem.startWithRetriesPending("scale-out");
    }

    @Test
    void scalingClassifyAndAlertFromOneToThreeDuringAReplayLosesNothingAndSendsNothingTwice() throws Exception {
        List<Subscription> subscriptions = system.twoUsMexicoWebhooks("scale");
        List<RawArticle> first = batch("first", 0, ARTICLES / 2);
        system.publish(first);
        Tally before = system.awaitDelivered(subscriptions, Duration.ofSeconds(240 + ARTICLES / 10));
        System.out.println("[faults] scale-out, first batch with one instance each: " + before);
        assertThat(before.complete()).as(before.toString()).isTrue();

        // replay: both groups rewound to the start while no member is in them
        ServiceProcess classify = system.live(FaultSystem.CLASSIFY);
        ServiceProcess alert = system.live(FaultSystem.ALERT);
        classify.stop();
        alert.stop();
        EmbeddedKafka.resetGroupToEarliest(system.kafka.bootstrapServers(), "classify-service", Topics.ARTICLES_RAW);
        EmbeddedKafka.resetGroupToEarliest(system.kafka.bootstrapServers(), "alert-service", Topics.ARTICLES_TAGGED);
        long started = System.nanoTime();
        classify.start(FaultSystem.START_TIMEOUT);
        alert.start(FaultSystem.START_TIMEOUT);
        // new articles keep coming at a steady pace (20/s) until the extra instances have joined, and beyond
        AtomicBoolean joined = new AtomicBoolean();
        List<RawArticle> second = new ArrayList<>();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; !joined.get() || second.size() < ARTICLES / 2; i += 5) {
                List<RawArticle> chunk = batch("second", i, 5);
                system.publish(chunk);
                synchronized (second) {
                    second.addAll(chunk);
                }
                FaultSystem.sleep(250);
            }
        });
        // two more of each join while the replay and the new articles are being processed
        List<CompletableFuture<ServiceProcess>> joining = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            joining.add(CompletableFuture.supplyAsync(() -> system.startInstance(FaultSystem.CLASSIFY)));
            joining.add(CompletableFuture.supplyAsync(() -> system.startInstance(FaultSystem.ALERT)));
        }
        joining.forEach(CompletableFuture::join);
        int publishedWhenJoined;
        synchronized (second) {
            publishedWhenJoined = second.size();
        }
        joined.set(true);
        publishing.join();
        System.out.printf("[faults] scale-out: three instances of each ready %.1f s after the replay began, "
                + "%d of %d new articles published by then%n", (System.nanoTime() - started) / 1e9,
                publishedWhenJoined, second.size());

        Tally after = system.awaitDelivered(subscriptions, Duration.ofSeconds(300 + ARTICLES / 10));
        System.out.printf("[faults] scale-out, replay of %d + %d new articles with 1→3 instances: %s; %.1f s%n",
                first.size(), second.size(), after, (System.nanoTime() - started) / 1e9);
        Set<String> stories = new HashSet<>();
        first.forEach(a -> stories.add(a.storyId()));
        second.forEach(a -> stories.add(a.storyId()));
        assertThat(after.expected()).isEqualTo(stories.size() * subscriptions.size());
        assertThat(after.complete()).as(after.toString()).isTrue();
        assertThat(after.repeatedSuccesses()).as(after.toString()).isZero();
        assertThat(after.successfulCalls()).as("the replayed first batch sent nothing again")
                .isEqualTo(after.expected());
    }

    private List<RawArticle> batch(String tag, int from, int n) {
        return IntStream.range(from, from + n).mapToObj(i -> Articles.usMexico(system.run + "-" + tag, i)).toList();
    }
}
