package io.dyad.alert.email;

import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static io.dyad.alert.support.EmailSteps.awaitMails;
import static io.dyad.alert.support.EmailSteps.part;
import static io.dyad.alert.support.EmailSteps.subscribe;
import static io.dyad.alert.support.EmailSteps.subscribeConfirmed;
import static io.dyad.alert.support.EmailSteps.tokenFrom;

import io.dyad.alert.support.Api;
import io.dyad.alert.support.MailServer;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.TestKafka;
import io.dyad.contracts.TaggedArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The e-mail channel end to end: the real broker and database, and a real SMTP server (GreenMail) that receives the
 * mails — double opt-in, the alert mail's parts and headers, one-click unsubscribe, suppression on 5xx, retry on 4xx.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class EmailDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private static String newAddress() {
        return "analyst-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static void publish(TaggedArticle article) {
        TestKafka.send(Topics.ARTICLES_TAGGED, article.articleId(), TaggedArticleFixtures.json(article));
    }

    private JsonPath deliveries(String id) {
        return asAdmin().when().get("/subscriptions/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    private long deliveryRows() {
        return TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries");
    }

    private void awaitStored(TaggedArticle article) {
        await().atMost(WAIT).until(() -> TestDatabase.count(dataSource,
                "SELECT count(*) FROM articles WHERE article_id = ?", article.articleId()) == 1);
    }

    @Test
    void onlyAConfirmationMailUntilTheAddressIsConfirmedThenAlertsThatSayWhy() throws Exception {
        String address = newAddress();
        JsonPath created = subscribe(asAdmin(), address);
        String id = created.getString("id");
        assertThat(created.getString("channel.type")).isEqualTo("email");
        assertThat(created.getString("channel.address")).isEqualTo(address);
        assertThat(created.getBoolean("channel.confirmed")).isFalse();
        assertThat(created.getString("channel.confirmationMail")).isEqualTo("queued");
        assertThat(created.getString("channel.url")).isNull();

        MimeMessage confirmation = awaitMails(address, 1).get(0);
        assertThat(confirmation.getSubject()).contains("Confirm alerts for \"US–Mexico by mail\"");
        String token = tokenFrom(confirmation);
        assertThat(part(confirmation, "text/html")).contains("/email/confirm?token=" + token);
        // only a hash of the token is stored
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions WHERE email_token_hash ="
                + " sha256(convert_to(?, 'UTF8'))", token)).isEqualTo(1);

        // unconfirmed: a matching story is stored but queues nothing and mails nothing
        TaggedArticle early = TaggedArticleFixtures.usMexicoTrade().build();
        publish(early);
        awaitStored(early);
        Thread.sleep(1500);
        assertThat(deliveryRows()).isZero();
        assertThat(MailServer.to(address)).hasSize(1);

        // the recipient confirms: the link works once
        RestAssured.given().when().get("/email/confirm?token=" + token).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("Address confirmed"));
        RestAssured.given().when().get("/email/confirm?token=" + token).then().statusCode(404);
        asAdmin().when().get("/subscriptions/" + id).then().statusCode(200).body("channel.confirmed", equalTo(true));

        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().source("Example <Wire>").build();
        publish(article);

        MimeMessage alert = awaitMails(address, 2).get(1);
        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(id).getString("[0].status")));
        String deliveryId = deliveries(id).getString("[0].id");
        assertThat(alert.getSubject()).isEqualTo("[Dyad] MX-US: " + TaggedArticleFixtures.US_MX_TITLE);
        assertThat(alert.getHeader("Message-ID")[0]).isEqualTo("<" + deliveryId + "@localhost>");
        String unsubscribe = alert.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).matches("<http://localhost:8083/email/unsubscribe\\?token=[A-Za-z0-9_-]{43}>");
        assertThat(alert.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(alert.isMimeType("multipart/alternative")).isTrue();

        String text = part(alert, "text/plain");
        assertThat(text).contains(TaggedArticleFixtures.US_MX_TITLE).contains(article.url())
                .contains("Country pairs: MX-US").contains("Issues: migration, trade")
                // the evidence as its whole sentence
                .contains("\"Mexico City — Officials from Mexico and the United States signed a trade accord on "
                        + "Tuesday that cuts tariffs on steel.\"")
                .contains("\"The deal also sets out how both governments will handle migration at crossings along "
                        + "the shared border.\"")
                .contains("Source: Example <Wire>")
                .contains("Published: " + article.publishedAt()).contains("Fetched: " + article.fetchedAt())
                .contains("Classified: " + article.classifiedAt()).contains("Delivered: ")
                .contains(unsubscribe.substring(1, unsubscribe.length() - 1));
        String html = part(alert, "text/html");
        assertThat(html).contains("Example &lt;Wire&gt;").doesNotContain("Example <Wire>")
                .contains("<a href=\"" + article.url() + "\">").contains("Country pairs: MX-US");
        Instant delivered = Instant.parse(text.replaceAll("(?s).*Delivered: (\\S+).*", "$1"));
        assertThat(delivered).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void anExpiredLinkIsRefusedAndANewOneReplacesIt() throws Exception {
        String address = newAddress();
        String id = subscribe(asAdmin(), address).getString("id");
        String first = tokenFrom(awaitMails(address, 1).get(0));
        // a second mail at once would be mail-bombing
        asAdmin().when().post("/subscriptions/" + id + "/confirmation").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());

        TestDatabase.execute(dataSource, "UPDATE subscriptions SET email_token_expires_at = now() - interval '1 hour'");
        RestAssured.given().when().get("/email/confirm?token=" + first).then().statusCode(410)
                .body(containsString("expired"));

        asAdmin().when().post("/subscriptions/" + id + "/confirmation").then().statusCode(200)
                .body("status", equalTo("queued"));
        String second = tokenFrom(awaitMails(address, 2).get(1));
        assertThat(second).isNotEqualTo(first);
        RestAssured.given().when().get("/email/confirm?token=" + first).then().statusCode(404);
        RestAssured.given().when().get("/email/confirm?token=" + second).then().statusCode(200);
        RestAssured.given().when().get("/email/confirm?token=not-a-token").then().statusCode(404);
        asAdmin().when().post("/subscriptions/" + id + "/confirmation").then().statusCode(200)
                .body("status", equalTo("not-needed"));
    }

    @Test
    void unsubscribeGetOnlyShowsAPageAndOneClickPostUnsubscribesAtOnce() throws Exception {
        String address = newAddress();
        String id = subscribeConfirmed(asAdmin(), address);
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        MimeMessage alert = awaitMails(address, 2).get(1);
        String link = alert.getHeader("List-Unsubscribe")[0].replaceAll("^<http://localhost:8083|>$", "");

        // GET (a link scanner, or the person) only shows a page with a button
        RestAssured.given().when().get(link).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\"")).body(containsString("US–Mexico by mail"));
        asAdmin().when().get("/subscriptions/" + id).then().body("channel.disabled", equalTo(false));

        // the mail client's one-click POST (RFC 8058)
        RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(link).then().statusCode(200).body(containsString("Unsubscribed"));
        asAdmin().when().get("/subscriptions/" + id).then().statusCode(200)
                .body("channel.disabled", equalTo(true)).body("channel.confirmed", equalTo(false))
                .body("channel.disabledReason", containsString("unsubscribed"));
        // again: still fine (idempotent)
        RestAssured.given().when().post(link).then().statusCode(200);

        TaggedArticle next = TaggedArticleFixtures.usMexicoTrade().build();
        publish(next);
        awaitStored(next);
        Thread.sleep(1500);
        assertThat(MailServer.to(address)).hasSize(2);
    }

    @Test
    void aPermanentRefusalSuppressesTheAddressAndTellsTheOwner() throws Exception {
        String address = newAddress();
        String id = subscribeConfirmed(asAdmin(), address);
        MailServer.refuse(address, "550 5.1.1 <" + address + ">: no such user");
        try {
            publish(TaggedArticleFixtures.usMexicoTrade().build());

            await().atMost(WAIT).until(() -> "FAILED".equals(deliveries(id).getString("[0].status")));
            JsonPath d = deliveries(id);
            assertThat(d.getInt("[0].attempts")).isEqualTo(1);
            assertThat(d.getInt("[0].lastStatusCode")).isEqualTo(550);
            assertThat(d.getString("[0].lastError")).contains("550").contains("no such user");
            assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM email_suppressions WHERE address = ?",
                    address)).isEqualTo(1);
            asAdmin().when().get("/subscriptions/" + id).then().body("channel.disabled", equalTo(true))
                    .body("channel.disabledReason", containsString("suppressed"));
            // nobody can subscribe the address again meanwhile
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("name", "again", "filter", Map.of("pairs", List.of("US-MX")),
                            "channel", Map.of("type", "email", "address", address)))
                    .when().post("/subscriptions").then().statusCode(400)
                    .body("detail", containsString("is suppressed"));
            // the owner's notice is recorded (no other channel to tell them through)
            await().atMost(WAIT).until(() -> asAdmin().when().get("/notices").then().extract().jsonPath()
                    .getList("kind").contains("channel_disabled"));

            // the owner enables it again: the suppression is lifted, and a new opt-in is needed first
            MailServer.accept(address);
            int mails = MailServer.to(address).size();
            asAdmin().when().post("/subscriptions/" + id + "/enable").then().statusCode(200)
                    .body("channel.confirmed", equalTo(false)).body("channel.confirmationMail", equalTo("queued"))
                    .body("replay.replayed", equalTo(1));
            String token = tokenFrom(awaitMails(address, mails + 1).get(mails));
            Thread.sleep(1500);
            assertThat(MailServer.to(address)).hasSize(mails + 1); // the replayed alert waits for the confirmation
            RestAssured.given().when().get("/email/confirm?token=" + token).then().statusCode(200);
            awaitMails(address, mails + 2);
            await().atMost(WAIT).until(() -> "SENT".equals(deliveries(id).getString("[0].status")));
        } finally {
            MailServer.accept(address);
        }
    }

    @Test
    void aTransientRefusalIsRetriedWithTheSameMessageId() throws Exception {
        String address = newAddress();
        String id = subscribeConfirmed(asAdmin(), address);
        MailServer.refuse(address, "451 4.3.0 try again later");
        try {
            publish(TaggedArticleFixtures.usMexicoTrade().build());
            await().atMost(WAIT).until(() -> deliveries(id).getString("[0].lastError") != null);
            JsonPath d = deliveries(id);
            assertThat(d.getString("[0].status")).isEqualTo("PENDING");
            assertThat(d.getInt("[0].lastStatusCode")).isEqualTo(451);
            MailServer.accept(address);

            MimeMessage alert = awaitMails(address, 2).get(1);
            await().atMost(WAIT).until(() -> "SENT".equals(deliveries(id).getString("[0].status")));
            assertThat(deliveries(id).getInt("[0].attempts")).isEqualTo(2);
            assertThat(alert.getHeader("Message-ID")[0]).isEqualTo("<" + deliveries(id).getString("[0].id")
                    + "@localhost>");
        } finally {
            MailServer.accept(address);
        }
    }

    @Test
    void aTestAlertGoesOnlyToAConfirmedAddressAndIsMarked() throws Exception {
        String address = newAddress();
        String id = subscribe(asAdmin(), address).getString("id");
        awaitMails(address, 1);
        asAdmin().when().post("/subscriptions/" + id + "/test").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("not confirmed"));
        RestAssured.given().when().get("/email/confirm?token=" + tokenFrom(MailServer.to(address).get(0)))
                .then().statusCode(200);

        JsonPath result = asAdmin().when().post("/subscriptions/" + id + "/test").then().statusCode(200)
                .extract().jsonPath();
        assertThat(result.getBoolean("delivered")).isTrue();
        assertThat(result.getString("channelType")).isEqualTo("email");
        assertThat(result.getString("id")).startsWith("test_");
        MimeMessage mail = awaitMails(address, 2).get(1);
        assertThat(mail.getSubject()).startsWith("[Dyad TEST] MX-US: Dyad test alert");
        assertThat(part(mail, "text/plain")).startsWith("This is a TEST alert").contains("Country pairs: MX-US");
        assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + result.getString("id") + "@localhost>");
        assertThat(deliveryRows()).isZero();

        MailServer.refuse(address, "452 4.2.2 mailbox full");
        try {
            asAdmin().when().post("/subscriptions/" + id + "/test").then().statusCode(200)
                    .body("delivered", equalTo(false)).body("statusCode", equalTo(452))
                    .body("error", containsString("mailbox full"));
        } finally {
            MailServer.accept(address);
        }
    }

    @Test
    void badAddressesAreRefusedWithAClearDetail() {
        for (String[] c : new String[][] {
                {"not-an-address", "channel.address \"not-an-address\" is not an e-mail address (local@domain)"},
                {"a@localhost", "channel.address \"a@localhost\" needs a domain with a dot, e.g. example.org"},
                {"a b@example.org", "is not an e-mail address we send to"},
                {"x@example.org\r\nBcc: victim@example.org", "is not an e-mail address"},
                {"", "channel.address is required for e-mail channels"}}) {
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("name", "n", "filter", Map.of("pairs", List.of("US-MX")),
                            "channel", Map.of("type", "email", "address", c[0])))
                    .when().post("/subscriptions").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(c[1]));
        }
    }

    @Test
    void anotherUsersEmailSubscriptionAnswers404OnEveryRoute() throws Exception {
        Api.TestUser ana = Api.newUser("Ana");
        Api.TestUser ben = Api.newUser("Ben");
        String address = newAddress();
        String id = subscribe(ana.request(), address).getString("id");
        awaitMails(address, 1);

        for (String route : new String[] {"/confirmation", "/test", "/enable"}) {
            ben.request().when().post("/subscriptions/" + id + route).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        ben.request().when().get("/subscriptions/" + id).then().statusCode(404);
        // a second e-mail subscription of Ana's to the same confirmed address needs no second opt-in; Ben's does
        RestAssured.given().when().get("/email/confirm?token=" + tokenFrom(MailServer.to(address).get(0)))
                .then().statusCode(200);
        assertThat(subscribe(ana.request(), address).getBoolean("channel.confirmed")).isTrue();
        JsonPath bens = subscribe(ben.request(), address);
        assertThat(bens.getBoolean("channel.confirmed")).isFalse();
        assertThat(bens.getString("channel.confirmationMail")).isEqualTo("queued");
        // the public link pages need no key, and an API route without a key still does
        RestAssured.given().when().post("/subscriptions/" + id + "/test").then().statusCode(401);
    }
}
