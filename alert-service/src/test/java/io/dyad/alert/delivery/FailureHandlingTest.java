package io.dyad.alert.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.alert.support.Api;
import io.dyad.alert.support.MailServer;
import io.dyad.alert.support.StandardWebhooksVerifier;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.TestKafka;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.contracts.TaggedArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure handling on the real broker and database, with WireMock endpoints and GreenMail: FAILED after the last
 * retry and the owner told (e-mail, another channel, or recorded as NO_CHANNEL), a channel failing for 5 days
 * disabled, enable replaying failed and parked alerts, and test alerts through every channel.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class FailureHandlingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private static String hook(int status) {
        String path = "/hooks/" + UUID.randomUUID();
        answer(path, status);
        return path;
    }

    private static void answer(String path, int status) {
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withBody(status >= 400 ? "endpoint broken" : "")));
    }

    private static JsonPath subscribe(RequestSpecification as, String type, String path) {
        return as.contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico " + type, "filter", Map.of("pairs", List.of("US-MX")),
                        "channel", Map.of("type", type, "url", WebhookReceiver.url(path))))
                .when().post("/subscriptions").then().statusCode(201).extract().jsonPath();
    }

    private static void publish(TaggedArticle article) {
        TestKafka.send(Topics.ARTICLES_TAGGED, article.articleId(), TaggedArticleFixtures.json(article));
    }

    private static JsonPath deliveries(RequestSpecification as, String id) {
        return as.when().get("/subscriptions/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    /** Makes the next attempt the last of the schedule (attempt 8) and due now, without waiting 28 hours. */
    private void lastAttemptNow(String subscriptionId) {
        TestDatabase.execute(dataSource, "UPDATE deliveries SET attempts = 7, next_attempt_at = now() WHERE status ="
                + " 'PENDING' AND subscription_id = '" + subscriptionId + "'");
    }

    private String failedDelivery(RequestSpecification as, String id) {
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        await().atMost(WAIT).until(() -> deliveries(as, id).getString("[0].lastError") != null);
        lastAttemptNow(id);
        await().atMost(WAIT).until(() -> "FAILED".equals(deliveries(as, id).getString("[0].status")));
        return deliveries(as, id).getString("[0].id");
    }

    @Test
    void afterTheLastRetryTheDeliveryFailsAndTheOwnerIsToldByEmail() throws Exception {
        Api.TestUser ana = Api.newUser("Ana");
        String address = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        io.dyad.alert.support.EmailSteps.subscribeConfirmed(ana.request(), address);
        int mails = MailServer.to(address).size();
        String broken = hook(500);
        String id = subscribe(ana.request(), "webhook", broken).getString("id");

        String deliveryId = failedDelivery(ana.request(), id);

        JsonPath d = deliveries(ana.request(), id);
        assertThat(d.getInt("[0].attempts")).isEqualTo(8);
        assertThat(d.getString("[0].lastError")).contains("HTTP 500").contains("gave up after 8 attempts");
        // the confirmed address gets the notice (the US–Mexico mail subscription may mail the story too)
        await().atMost(WAIT).until(() -> MailServer.to(address).stream().anyMatch(FailureHandlingTest::isNotice));
        MimeMessage notice = MailServer.to(address).stream().filter(FailureHandlingTest::isNotice).findFirst()
                .orElseThrow();
        assertThat(notice.getSubject()).isEqualTo("Dyad: delivery failed for \"US–Mexico webhook\"");
        assertThat(io.dyad.alert.support.EmailSteps.part(notice, "text/plain")).contains(deliveryId)
                .contains("after 8 attempt(s)").contains("HTTP 500").contains("/enable");
        // the notice row is marked SENT after the SMTP server has taken the mail: wait for that commit too
        await().atMost(WAIT).until(() -> "SENT".equals(ana.request().when().get("/notices").then().statusCode(200)
                .extract().jsonPath().getString("[0].status")));
        JsonPath notices = ana.request().when().get("/notices").then().statusCode(200).extract().jsonPath();
        assertThat(notices.getString("[0].kind")).isEqualTo("delivery_failed");
        assertThat(notices.getString("[0].status")).isEqualTo("SENT");
        assertThat(notices.getString("[0].notifiedVia")).startsWith("email of subscription ");
        assertThat(notices.getString("[0].deliveryId")).isEqualTo(deliveryId);
        assertThat(mails).isPositive();

        // another user sees none of it
        Api.TestUser ben = Api.newUser("Ben");
        assertThat(ben.request().when().get("/notices").then().statusCode(200).extract().jsonPath().getList("$"))
                .isEmpty();
        ben.request().when().get("/subscriptions/" + id + "/deliveries").then().statusCode(404);
    }

    private static boolean isNotice(MimeMessage m) {
        try {
            return m.getSubject().startsWith("Dyad: ");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutAnAddressTheOwnerIsToldThroughTheirOtherChannelOrTheNoticeIsKept() throws Exception {
        Api.TestUser ana = Api.newUser("Ana");
        String other = hook(204);
        JsonPath otherSub = ana.request().contentType(ContentType.JSON)
                .body(Map.of("name", "Japan–Brazil", "filter", Map.of("pairs", List.of("JP-BR")),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(other))))
                .when().post("/subscriptions").then().statusCode(201).extract().jsonPath();
        String id = subscribe(ana.request(), "webhook", hook(500)).getString("id");

        failedDelivery(ana.request(), id);

        await().atMost(WAIT).until(() -> !WebhookReceiver.calls(other).isEmpty());
        LoggedRequest call = WebhookReceiver.calls(other).get(0);
        JsonNode body = TaggedArticleFixtures.MAPPER.readTree(call.getBodyAsString());
        assertThat(body.get("type").asText()).isEqualTo("dyad.notice.delivery_failed");
        assertThat(body.at("/subscription/id").asText()).isEqualTo(id);
        assertThat(call.getHeader("webhook-id")).startsWith("notice_");
        assertThat(StandardWebhooksVerifier.verify(otherSub.getString("channel.secret"), call.getHeader("webhook-id"),
                call.getHeader("webhook-timestamp"), call.getBody(), call.getHeader("webhook-signature"),
                Instant.now().getEpochSecond())).isTrue();

        // an owner with no other channel: the notice is kept, visible at GET /notices
        Api.TestUser ben = Api.newUser("Ben");
        String bens = subscribe(ben.request(), "webhook", hook(500)).getString("id");
        failedDelivery(ben.request(), bens);
        await().atMost(WAIT).until(() -> "NO_CHANNEL".equals(ben.request().when().get("/notices").then()
                .extract().jsonPath().getString("[0].status")));
        assertThat(ana.request().when().get("/notices").then().extract().jsonPath().getList("subscriptionId"))
                .doesNotContain(bens);
    }

    @Test
    void aChannelFailingForFiveDaysIsDisabledAndEnableReplaysFailedAndParkedAlerts() {
        String path = hook(204);
        String id = subscribe(asAdmin(), "webhook", path).getString("id");
        TaggedArticle sent = TaggedArticleFixtures.usMexicoTrade().build();
        publish(sent);
        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(asAdmin(), id).getString("[0].status")));
        String sentId = deliveries(asAdmin(), id).getString("[0].id");

        answer(path, 503);
        String failedId = failedDelivery(asAdmin(), id);
        // every attempt has failed for more than 5 days: the next failure disables the channel
        TestDatabase.execute(dataSource, "UPDATE subscriptions SET failing_since = now() - interval '6 days'");
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        await().atMost(WAIT).until(() -> asAdmin().when().get("/subscriptions/" + id).then().extract().jsonPath()
                .getBoolean("channel.disabled"));
        asAdmin().when().get("/subscriptions/" + id).then()
                .body("channel.disabledReason", containsString("every delivery attempt failed since"))
                .body("channel.disabledReason", containsString("more than 120h"));
        await().atMost(WAIT).until(() -> asAdmin().when().get("/notices").then().extract().jsonPath()
                .getList("kind").contains("channel_disabled"));
        // the third alert is parked (PENDING), not attempted while the channel is disabled
        int callsWhenDisabled = WebhookReceiver.calls(path).size();
        TestDatabase.execute(dataSource, "UPDATE deliveries SET next_attempt_at = now() WHERE status = 'PENDING'");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> WebhookReceiver.calls(path).size() == callsWhenDisabled);

        answer(path, 204);
        asAdmin().when().post("/subscriptions/" + id + "/enable").then().statusCode(200)
                .body("channel.disabled", equalTo(false)).body("replay.resumed", equalTo(1))
                .body("replay.replayed", equalTo(1)).body("id", equalTo(id));

        await().atMost(WAIT).until(() -> deliveries(asAdmin(), id).getList("status").stream()
                .allMatch("SENT"::equals));
        List<String> ids = WebhookReceiver.calls(path).stream().map(c -> c.getHeader("webhook-id")).toList();
        assertThat(ids.stream().filter(sentId::equals)).hasSize(1); // SENT is never sent again
        assertThat(ids.stream().filter(failedId::equals).count()).isEqualTo(3); // 2 failed attempts + the replay
        assertThat(deliveries(asAdmin(), id).getList("status")).hasSize(3);
    }

    @Test
    void aTestAlertGoesThroughTheChannelAndTheAnswerSaysHowItWent() throws Exception {
        String path = hook(204);
        JsonPath created = subscribe(asAdmin(), "webhook", path);
        String id = created.getString("id");

        JsonPath result = asAdmin().when().post("/subscriptions/" + id + "/test").then().statusCode(200)
                .extract().jsonPath();
        assertThat(result.getBoolean("delivered")).isTrue();
        assertThat(result.getInt("statusCode")).isEqualTo(204);
        LoggedRequest call = WebhookReceiver.calls(path).get(0);
        JsonNode body = TaggedArticleFixtures.MAPPER.readTree(call.getBodyAsString());
        assertThat(body.get("test").asBoolean()).isTrue();
        assertThat(body.get("id").asText()).isEqualTo(result.getString("id"));
        assertThat(body.at("/matched/pairs/0").asText()).isEqualTo("MX-US");
        assertThat(body.at("/article/title").asText()).startsWith("Dyad test alert");
        assertThat(StandardWebhooksVerifier.verify(created.getString("channel.secret"), call.getHeader("webhook-id"),
                call.getHeader("webhook-timestamp"), call.getBody(), call.getHeader("webhook-signature"),
                Instant.now().getEpochSecond())).isTrue();
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries")).isZero();

        answer(path, 500);
        asAdmin().when().post("/subscriptions/" + id + "/test").then().statusCode(200)
                .body("delivered", equalTo(false)).body("statusCode", equalTo(500))
                .body("error", containsString("endpoint broken"));

        String slack = hook(200);
        String slackId = subscribe(asAdmin(), "slack", slack).getString("id");
        asAdmin().when().post("/subscriptions/" + slackId + "/test").then().statusCode(200)
                .body("delivered", equalTo(true));
        JsonNode message = TaggedArticleFixtures.MAPPER.readTree(WebhookReceiver.calls(slack).get(0).getBodyAsString());
        assertThat(message.get("text").asText()).startsWith("[TEST] Dyad test alert");
        // a gone Slack channel is reported, not disabled, by a test
        answer(slack, 404);
        asAdmin().when().post("/subscriptions/" + slackId + "/test").then().statusCode(200)
                .body("delivered", equalTo(false)).body("error", containsString("would disable"));
        asAdmin().when().get("/subscriptions/" + slackId).then().body("channel.disabled", equalTo(false));

        Api.TestUser ben = Api.newUser("Ben");
        ben.request().when().post("/subscriptions/" + id + "/test").then().statusCode(404);
        ben.request().when().post("/subscriptions/" + id + "/enable").then().statusCode(404);
        ben.request().when().post("/subscriptions/" + id + "/confirmation").then().statusCode(404);
        asAdmin().when().post("/subscriptions/" + id + "/confirmation").then().statusCode(400)
                .body("detail", containsString("only e-mail channels are confirmed"));
    }
}
