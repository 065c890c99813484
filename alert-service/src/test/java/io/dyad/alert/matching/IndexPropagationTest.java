package io.dyad.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dyad.alert.auth.Caller;
import io.dyad.alert.delivery.WebhookSignature;
import io.dyad.alert.service.SubscriptionIndexHolder;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes written by "another replica" (SQL straight into the table, so this replica learns of them only through the
 * change log and its refresh) reach this replica's index as a delta, without a full rebuild; bookkeeping updates log
 * nothing; a truncate rebuilds in full. Prints how long each change took to reach matching (refresh interval 1 s in
 * tests).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class IndexPropagationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionIndexHolder index;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        index.rebuild();
    }

    private static ArticleTags usMexico() {
        return ArticleTags.of(TaggedArticleFixtures.usMexicoTrade().build());
    }

    private static ArticleTags japanBrazil() {
        return ArticleTags.of(TaggedArticleFixtures.japanBrazilTrade().build());
    }

    private long millisUntil(String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("[propagation] %s reached this replica's matching in %d ms%n", what, millis);
        return millis;
    }

    private long logRows() {
        return TestDatabase.count(dataSource, "SELECT count(*) FROM subscription_change_log");
    }

    @Test
    void changesOnAnotherReplicaArriveAsADeltaAndBookkeepingUpdatesLogNothing() {
        assertThat(index.current().size()).isZero();
        String id = UUID.randomUUID().toString();
        TestDatabase.execute(dataSource, "INSERT INTO subscriptions (id, owner_id, signing_secret, name, pairs,"
                + " countries, issues, channel_type, channel_url) VALUES ('" + id + "', '" + Caller.ADMIN_USER_ID
                + "', '" + WebhookSignature.newSecret() + "', 'elsewhere', '{MX-US}', '{}', '{}', 'webhook',"
                + " 'https://example.org/hook')");
        millisUntil("an insert", () -> index.current().match(usMexico()).size() == 1);
        // applied on top of the base, not by rebuilding it
        assertThat(index.current().pendingChanges()).isEqualTo(1);
        assertThat(index.current().match(usMexico()).get(0).subscription().name()).isEqualTo("elsewhere");

        TestDatabase.execute(dataSource, "UPDATE subscriptions SET pairs = '{BR-JP}' WHERE id = '" + id + "'");
        millisUntil("an update", () -> index.current().match(usMexico()).isEmpty()
                && index.current().match(japanBrazil()).size() == 1);
        assertThat(index.current().size()).isEqualTo(1);

        long rows = logRows();
        TestDatabase.execute(dataSource, "UPDATE subscriptions SET updated_at = now(), failing_since = now()"
                + " WHERE id = '" + id + "'");
        assertThat(logRows()).as("an update of columns the index does not read is not logged").isEqualTo(rows);

        TestDatabase.execute(dataSource, "UPDATE subscriptions SET disabled_at = now() WHERE id = '" + id + "'");
        millisUntil("a disable", () -> index.current().size() == 0);
        TestDatabase.execute(dataSource, "UPDATE subscriptions SET disabled_at = NULL WHERE id = '" + id + "'");
        millisUntil("a re-enable", () -> index.current().match(japanBrazil()).size() == 1);

        TestDatabase.execute(dataSource, "DELETE FROM subscriptions WHERE id = '" + id + "'");
        millisUntil("a delete", () -> index.current().size() == 0 && index.current().match(japanBrazil()).isEmpty());
    }

    @Test
    void aTruncateOnAnotherReplicaRebuildsInFull() {
        for (int i = 0; i < 3; i++) {
            TestDatabase.execute(dataSource, "INSERT INTO subscriptions (id, owner_id, signing_secret, name, pairs,"
                    + " countries, issues, channel_type, channel_url) VALUES ('" + UUID.randomUUID() + "', '"
                    + Caller.ADMIN_USER_ID + "', '" + WebhookSignature.newSecret() + "', 'n" + i + "', '{MX-US}',"
                    + " '{}', '{}', 'webhook', 'https://example.org/hook')");
        }
        index.rebuild();
        assertThat(index.current().match(usMexico())).hasSize(3);

        TestDatabase.execute(dataSource, "TRUNCATE subscriptions CASCADE");
        millisUntil("a truncate", () -> index.current().size() == 0);
        // a new base: nothing pending
        assertThat(index.current().pendingChanges()).isZero();
        assertThat(index.current().match(usMexico())).isEmpty();
    }

    @Test
    void aBulkImportLargerThanOneStatementsParametersArrives() {
        // 70,000 rows in one statement on another replica: more changed ids than one query may bind (65,535)
        TestDatabase.execute(dataSource, "INSERT INTO subscriptions (id, owner_id, signing_secret, name, pairs,"
                + " countries, issues, channel_type, channel_url) SELECT gen_random_uuid(), '" + Caller.ADMIN_USER_ID
                + "', '" + WebhookSignature.newSecret() + "', 'bulk ' || n, '{MX-US}', '{}', '{}', 'webhook',"
                + " 'https://example.org/hook' FROM generate_series(1, 70000) n");
        millisUntil("a bulk import of 70,000", () -> index.current().size() == 70_000);
        assertThat(index.current().match(usMexico())).hasSize(70_000);
    }
}
