package io.dyad.alert.email;

import static io.dyad.alert.support.Api.asAdmin;
import static io.dyad.alert.support.EmailSteps.awaitMails;
import static io.dyad.alert.support.EmailSteps.subscribe;
import static io.dyad.alert.support.EmailSteps.tokenFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.dyad.alert.support.MailServer;
import io.dyad.alert.support.TestDatabase;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Confirmation mails go through an outbox: {@code POST /subscriptions} answers {@code queued}, and a mail the SMTP
 * server (GreenMail) refuses with a 4xx is sent again on the retry schedule, with a link that works once; a 5xx
 * suppresses the address; asking again while one is queued makes that one due now instead of queueing a second.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class ConfirmationRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private static String newAddress() {
        return "opt-in-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private long rows(String id, String condition) {
        return TestDatabase.count(dataSource, "SELECT count(*) FROM confirmation_mails WHERE subscription_id = ?::uuid"
                + " AND " + condition, id);
    }

    @Test
    void aConfirmationTheServerRefusesForNowIsSentAgainAndItsLinkWorksOnce() throws Exception {
        String address = newAddress();
        MailServer.refuse(address, "421 4.3.2 service not available, try later");
        try {
            long start = System.nanoTime();
            JsonPath created = subscribe(asAdmin(), address);
            Duration answered = Duration.ofNanos(System.nanoTime() - start);
            String id = created.getString("id");
            assertThat(created.getString("channel.confirmationMail")).isEqualTo("queued");
            assertThat(created.getBoolean("channel.confirmed")).isFalse();

            // the first attempt is refused and rescheduled (the retry schedule's 5 s), nothing delivered
            await().atMost(WAIT).until(() -> rows(id, "status = 'PENDING' AND attempts = 1 AND last_error LIKE '%421%'")
                    == 1);
            assertThat(MailServer.to(address)).isEmpty();

            MailServer.accept(address);
            var mail = awaitMails(address, 1).get(0);
            await().atMost(WAIT).until(() -> rows(id, "status = 'SENT' AND attempts = 2 AND sent_at IS NOT NULL")
                    == 1);
            assertThat(rows(id, "true")).isEqualTo(1);

            // the link of the mail that went out works, once
            String token = tokenFrom(mail);
            RestAssured.given().when().get("/email/confirm?token=" + token).then().statusCode(200);
            RestAssured.given().when().get("/email/confirm?token=" + token).then().statusCode(404);
            asAdmin().when().get("/subscriptions/" + id).then().statusCode(200)
                    .body("channel.confirmed", equalTo(true));
            System.out.printf("POST /subscriptions answered in %d ms with the SMTP server refusing%n",
                    answered.toMillis());
        } finally {
            MailServer.accept(address);
        }
    }

    @Test
    void aConfirmationRefusedForGoodSuppressesTheAddress() {
        String address = newAddress();
        MailServer.refuse(address, "550 5.1.1 <" + address + ">: no such user");
        try {
            String id = subscribe(asAdmin(), address).getString("id");

            await().atMost(WAIT).until(() -> rows(id, "status = 'FAILED' AND attempts = 1 AND last_error LIKE '%550%'")
                    == 1);
            assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM email_suppressions WHERE address = ?",
                    address)).isEqualTo(1);
            asAdmin().when().get("/subscriptions/" + id).then().body("channel.disabled", equalTo(true));
            assertThat(MailServer.to(address)).isEmpty();
        } finally {
            MailServer.accept(address);
        }
    }

    @Test
    void askingAgainWhileOneIsQueuedMakesItDueNowAndSendsOneMail() throws Exception {
        String address = newAddress();
        MailServer.refuse(address, "451 4.3.0 try again later");
        try {
            String id = subscribe(asAdmin(), address).getString("id");
            await().atMost(WAIT).until(() -> rows(id, "status = 'PENDING' AND attempts = 1") == 1);
            // the next scheduled attempt is far away, and the last one is more than a minute old (resend limit)
            TestDatabase.execute(dataSource, "UPDATE confirmation_mails SET next_attempt_at = now() + interval '1 hour'");
            TestDatabase.execute(dataSource,
                    "UPDATE subscriptions SET email_token_expires_at = email_token_expires_at - interval '2 minutes'");
            MailServer.accept(address);

            asAdmin().when().post("/subscriptions/" + id + "/confirmation").then().statusCode(200)
                    .body("status", equalTo("queued"));

            String token = tokenFrom(awaitMails(address, 1).get(0));
            await().atMost(WAIT).until(() -> rows(id, "status = 'SENT' AND attempts = 2") == 1);
            assertThat(rows(id, "true")).isEqualTo(1);
            Thread.sleep(1500);
            assertThat(MailServer.to(address)).hasSize(1);
            RestAssured.given().when().get("/email/confirm?token=" + token).then().statusCode(200);
        } finally {
            MailServer.accept(address);
        }
    }
}
