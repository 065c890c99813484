package io.dyad.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Hosts' turns shared through the real PostgreSQL: two instances stand for two replicas (each its own
 * {@link SharedHostTurns}, as each replica has). Their requests to one host never overlap and keep the pause.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class SharedHostTurnsTest {

    private static final Duration PAUSE = Duration.ofMillis(300);

    @Inject
    AgroalDataSource db;

    private record Held(long startNanos, long endNanos) {
    }

    @Test
    void twoReplicasTakeTurnsAtOneHostAndKeepThePauseBetweenThem() throws Exception {
        String host = "turns-" + UUID.randomUUID() + ".example";
        SharedHostTurns replicaA = new SharedHostTurns(db, Duration.ofSeconds(10), PAUSE);
        SharedHostTurns replicaB = new SharedHostTurns(db, Duration.ofSeconds(10), PAUSE);
        List<Held> held = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SharedHostTurns turns = i % 2 == 0 ? replicaA : replicaB;
                runs.add(pool.submit(() -> {
                    try (HostTurns.Turn turn = turns.take(host, Instant.now().plusSeconds(30))) {
                        long start = System.nanoTime();
                        Thread.sleep(50); // the request in flight
                        held.add(new Held(start, System.nanoTime()));
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Held> inOrder = new ArrayList<>(held);
        inOrder.sort((x, y) -> Long.compare(x.startNanos(), y.startNanos()));
        assertThat(inOrder).hasSize(8);
        for (int i = 1; i < inOrder.size(); i++) {
            long gapMs = (inOrder.get(i).startNanos() - inOrder.get(i - 1).endNanos()) / 1_000_000;
            // never two in flight, and the pause kept (a few ms for the two clocks: the database's and ours)
            assertThat(gapMs).as("gap before turn %d", i).isGreaterThanOrEqualTo(PAUSE.toMillis() - 20);
        }
    }

    @Test
    void aTurnNeverEndedLapsesWithItsLeaseAndAWaitPastTheDeadlineTimesOut() {
        String host = "lapse-" + UUID.randomUUID() + ".example";
        SharedHostTurns crashed = new SharedHostTurns(db, Duration.ofMillis(800), PAUSE);
        SharedHostTurns other = new SharedHostTurns(db, Duration.ofSeconds(10), PAUSE);

        crashed.take(host, Instant.now().plusSeconds(5)); // never closed: its replica "died"

        assertThatThrownBy(() -> other.take(host, Instant.now().plusMillis(300)))
                .isInstanceOf(FetchException.class).hasMessageContaining("stayed busy");
        long started = System.nanoTime();
        try (HostTurns.Turn turn = other.take(host, Instant.now().plusSeconds(5))) {
            assertThat(turn).isNotNull();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void otherHostsAreNotHeldUp() {
        String host = "busy-" + UUID.randomUUID() + ".example";
        SharedHostTurns turns = new SharedHostTurns(db, Duration.ofSeconds(10), Duration.ofSeconds(30));
        turns.take(host, Instant.now().plusSeconds(1)).close(); // the host now pauses for 30 s

        long started = System.nanoTime();
        turns.take("free-" + UUID.randomUUID() + ".example", Instant.now().plusSeconds(1)).close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
        assertThatThrownBy(() -> turns.take(host, Instant.now().plusMillis(200))).isInstanceOf(FetchException.class);
    }
}
