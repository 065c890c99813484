package io.dyad.ingest.websub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agroal.api.AgroalDataSource;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSub with WireMock as the hub: a feed advertising a hub gets subscribed (callback from the configured base URL,
 * a per-subscription secret), the test answers for the hub (intent verification, signed content distribution),
 * leases are renewed before they lapse and polling falls back to the source's upper bound.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class WebSubTest {

    private static WireMockServer peers;

    @Inject
    WebSubService websub;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void start() {
        peers = Peers.wireMock();
        peers.stubFor(post("/hub").willReturn(aResponse().withStatus(202)));
    }

    @AfterAll
    static void stop() {
        peers.stop();
    }

    private static String atom(String t, String self, String... entries) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Pushed " + t + "</title><id>urn:" + t + "</id>"
                + "<updated>2026-11-28T10:00:00Z</updated>"
                + "<link rel=\"hub\" href=\"" + Peers.url(peers, "/hub") + "\"/>"
                + "<link rel=\"self\" href=\"" + self + "\"/>");
        for (String e : entries) {
            xml.append("<entry><title>").append(e).append("</title><id>urn:").append(t).append(':').append(e)
                    .append("</id><link href=\"https://push.example/").append(t).append('/').append(e)
                    .append("\"/><updated>2026-11-28T10:00:00Z</updated><content type=\"html\">&lt;p&gt;")
                    .append(e).append(" text.&lt;/p&gt;</content></entry>");
        }
        return xml.append("</feed>").toString();
    }

    private static Map<String, String> form(LoggedRequest r) {
        Map<String, String> out = new HashMap<>();
        for (String pair : r.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<Map<String, String>> subscribeRequests(String topic) {
        return peers.findAll(postRequestedFor(urlEqualTo("/hub"))).stream().map(WebSubTest::form)
                .filter(f -> topic.equals(f.get("hub.topic"))).toList();
    }

    private static String articleId(String link) {
        return ArticleIds.articleId(ArticleIds.canonicalUrl(link));
    }

    private long subscribedSource(String t, String feedPath) {
        String topic = Peers.url(peers, feedPath);
        peers.stubFor(get(feedPath).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml").withBody(atom(t, topic, "first"))));
        long id = given().contentType(ContentType.JSON).body(Map.of("name", "Pushed " + t, "url", topic,
                "minPollInterval", "PT5M", "maxPollInterval", "PT2H")).post("/sources").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().post("/sources/" + id + "/fetch").then().statusCode(200).body("outcome", equalTo("ok"));
        return id;
    }

    @Test
    void hubAndSelfAdvertisedInHttpLinkHeadersAreUsedBeforeTheFeedsOwn() {
        String t = UUID.randomUUID().toString();
        String feedPath = "/" + t + "/plain.xml";
        String headerTopic = Peers.url(peers, "/" + t + "/canonical.xml");
        peers.stubFor(post("/header-hub").willReturn(aResponse().withStatus(202)));
        // the body advertises /hub and its own URL; the headers name another hub and topic, which win
        peers.stubFor(get(feedPath).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml")
                .withHeader("Link", "<" + Peers.url(peers, "/header-hub") + ">; rel=\"hub\"")
                .withHeader("Link", "<" + headerTopic + ">; rel=\"self\"")
                .withBody(atom(t, Peers.url(peers, feedPath), "first"))));
        long id = given().contentType(ContentType.JSON).body(Map.of("name", "Linked " + t, "url",
                Peers.url(peers, feedPath))).post("/sources").then().statusCode(201).extract().jsonPath().getLong("id");

        given().post("/sources/" + id + "/fetch").then().statusCode(200).body("outcome", equalTo("ok"));

        List<Map<String, String>> requests = peers.findAll(postRequestedFor(urlEqualTo("/header-hub"))).stream()
                .map(WebSubTest::form).filter(f -> headerTopic.equals(f.get("hub.topic"))).toList();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("hub.callback")).isEqualTo("http://ingest.test.example/websub/" + id);
        assertThat(subscribeRequests(Peers.url(peers, feedPath))).isEmpty();
        given().get("/sources/" + id).then().body("websub.hub", equalTo(Peers.url(peers, "/header-hub")))
                .body("websub.topic", equalTo(headerTopic));
    }

    @Test
    void aFeedWithAHubIsSubscribedVerifiedPushedRenewedAndStillPolledAtItsUpperBound() throws Exception {
        String t = UUID.randomUUID().toString();
        String feedPath = "/" + t + "/atom.xml";
        String topic = Peers.url(peers, feedPath);
        long id = subscribedSource(t, feedPath);

        // the subscription request: our callback from the configured base URL, a secret of our own, a lease
        List<Map<String, String>> requests = subscribeRequests(topic);
        assertThat(requests).hasSize(1);
        Map<String, String> sub = requests.get(0);
        assertThat(sub.get("hub.mode")).isEqualTo("subscribe");
        assertThat(sub.get("hub.callback")).isEqualTo("http://ingest.test.example/websub/" + id);
        assertThat(sub.get("hub.lease_seconds")).isEqualTo("86400");
        String secret = sub.get("hub.secret");
        assertThat(secret).matches("[0-9a-f]{64}");
        given().get("/sources/" + id).then().body("websub.state", equalTo("REQUESTED"))
                .body("websub.hub", equalTo(Peers.url(peers, "/hub"))).body("websub.topic", equalTo(topic))
                .body("websub.secret", org.hamcrest.Matchers.nullValue());
        // a second fetch does not subscribe again
        given().post("/sources/" + id + "/fetch").then().statusCode(200);
        assertThat(subscribeRequests(topic)).hasSize(1);

        // the hub verifies our intent: the wrong topic is refused, ours is echoed
        RestAssured.given().queryParam("hub.mode", "subscribe").queryParam("hub.topic", topic + "x")
                .queryParam("hub.challenge", "c1").queryParam("hub.lease_seconds", "3600")
                .get("/websub/" + id).then().statusCode(404);
        RestAssured.given().queryParam("hub.mode", "subscribe").queryParam("hub.topic", topic)
                .queryParam("hub.challenge", "c2-" + t).queryParam("hub.lease_seconds", "3600")
                .get("/websub/" + id).then().statusCode(200).body(equalTo("c2-" + t));
        JsonPath s = given().get("/sources/" + id).jsonPath();
        assertThat(s.getString("websub.state")).isEqualTo("ACTIVE");
        assertThat(Instant.parse(s.getString("websub.expiresAt")))
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(30, ChronoUnit.SECONDS));

        // content distribution: a wrong or missing signature is acknowledged and ignored; a right one publishes
        byte[] pushed = atom(t, topic, "first", "second").getBytes(StandardCharsets.UTF_8);
        String link = "https://push.example/" + t + "/second";
        RestAssured.given().contentType("application/atom+xml").body(pushed)
                .header("X-Hub-Signature", WebSubSignature.sign("sha256", pushed, "not-the-secret"))
                .post("/websub/" + id).then().statusCode(202);
        RestAssured.given().contentType("application/atom+xml").body(pushed).post("/websub/" + id).then()
                .statusCode(202);
        assertThat(RawTopic.withKeys(List.of(articleId(link)))).isEmpty();
        RestAssured.given().contentType("application/atom+xml").body(pushed)
                .header("X-Hub-Signature", WebSubSignature.sign("sha256", pushed, secret))
                .post("/websub/" + id).then().statusCode(202);
        assertThat(RawTopic.onlyArticle(link).get("title").asText()).isEqualTo("second");
        given().get("/sources/" + id).then().body("websub.lastPushAt", org.hamcrest.Matchers.notNullValue());

        // polling goes on as a fallback, at the upper bound
        JsonPath report = given().post("/sources/" + id + "/fetch").then().statusCode(200).extract().jsonPath();
        assertThat(Duration.between(Instant.parse(report.getString("fetchedAt")),
                Instant.parse(report.getString("nextFetchAt")))).isEqualTo(Duration.ofHours(2));

        // the lease ends within the renewal margin: one renewal request, and only one
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(
                "UPDATE websub_subscriptions SET expires_at = now() + interval '10 minutes', "
                        + "requested_at = now() - interval '1 hour' WHERE source_id = ?")) {
            u.setLong(1, id);
            assertThat(u.executeUpdate()).isEqualTo(1);
        }
        assertThat(websub.renewDue()).isGreaterThanOrEqualTo(1);
        assertThat(websub.renewDue()).isZero();
        List<Map<String, String>> after = subscribeRequests(topic);
        assertThat(after).hasSize(2);
        assertThat(after.get(1).get("hub.secret")).isEqualTo(secret);
    }

    @Test
    void aDenialIsRecordedAndUnknownCallbacksAreRefused() {
        String t = UUID.randomUUID().toString();
        String feedPath = "/" + t + "/denied.xml";
        long id = subscribedSource(t, feedPath);
        RestAssured.given().queryParam("hub.mode", "denied").queryParam("hub.topic", Peers.url(peers, feedPath))
                .queryParam("hub.reason", "not allowed here").get("/websub/" + id).then().statusCode(200);
        given().get("/sources/" + id).then().body("websub.state", equalTo("DENIED"))
                .body("websub.lastError", equalTo("the hub denied the subscription: not allowed here"));
        // a denied subscription accepts no verification and no content
        RestAssured.given().queryParam("hub.mode", "subscribe").queryParam("hub.topic", Peers.url(peers, feedPath))
                .queryParam("hub.challenge", "c").get("/websub/" + id).then().statusCode(404);
        RestAssured.given().body("x").post("/websub/" + id).then().statusCode(410);
        RestAssured.given().queryParam("hub.mode", "subscribe").queryParam("hub.topic", "https://x.example/")
                .queryParam("hub.challenge", "c").get("/websub/987654321").then().statusCode(404);
    }

    @Test
    void deletingASourceUnsubscribesAtTheHubAndConfirmsOnlyThatUnsubscribe() throws Exception {
        String t = UUID.randomUUID().toString();
        String feedPath = "/" + t + "/deleted.xml";
        String topic = Peers.url(peers, feedPath);
        long id = subscribedSource(t, feedPath);
        RestAssured.given().queryParam("hub.mode", "subscribe").queryParam("hub.topic", topic)
                .queryParam("hub.challenge", "s-" + t).get("/websub/" + id).then().statusCode(200);
        // while the source lives, an unsubscribe we did not ask for is refused (the spec's 404)
        RestAssured.given().queryParam("hub.mode", "unsubscribe").queryParam("hub.topic", topic)
                .queryParam("hub.challenge", "forged").get("/websub/" + id).then().statusCode(404);

        given().delete("/sources/" + id).then().statusCode(204);

        List<Map<String, String>> requests = subscribeRequests(topic);
        assertThat(requests).hasSize(2);
        Map<String, String> unsubscribe = requests.get(1);
        assertThat(unsubscribe.get("hub.mode")).isEqualTo("unsubscribe");
        assertThat(unsubscribe.get("hub.callback")).isEqualTo("http://ingest.test.example/websub/" + id);
        assertThat(unsubscribe).doesNotContainKey("hub.secret");
        // the hub verifies: another topic is refused, ours is confirmed once
        RestAssured.given().queryParam("hub.mode", "unsubscribe").queryParam("hub.topic", topic + "x")
                .queryParam("hub.challenge", "u0").get("/websub/" + id).then().statusCode(404);
        RestAssured.given().queryParam("hub.mode", "unsubscribe").queryParam("hub.topic", topic)
                .queryParam("hub.challenge", "u1-" + t).get("/websub/" + id).then().statusCode(200)
                .body(equalTo("u1-" + t));
        RestAssured.given().queryParam("hub.mode", "unsubscribe").queryParam("hub.topic", topic)
                .queryParam("hub.challenge", "u2").get("/websub/" + id).then().statusCode(404);
        // content still pushed meanwhile has no subscription: 410
        RestAssured.given().body("x").post("/websub/" + id).then().statusCode(410);

        // an unsubscribe the hub never verifies is forgotten after a day
        String t2 = UUID.randomUUID().toString();
        long other = subscribedSource(t2, "/" + t2 + "/deleted.xml");
        given().delete("/sources/" + other).then().statusCode(204);
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(
                "UPDATE websub_unsubscriptions SET requested_at = now() - interval '25 hours' WHERE source_id = ?")) {
            u.setLong(1, other);
            assertThat(u.executeUpdate()).isEqualTo(1);
        }
        websub.renewDue();
        RestAssured.given().queryParam("hub.mode", "unsubscribe").queryParam("hub.topic",
                Peers.url(peers, "/" + t2 + "/deleted.xml")).queryParam("hub.challenge", "late")
                .get("/websub/" + other).then().statusCode(404);
    }

    @Test
    void aHubThatRefusesTheRequestLeavesTheSubscriptionFailedAndPollingNormal() {
        String t = UUID.randomUUID().toString();
        String feedPath = "/" + t + "/refused.xml";
        peers.stubFor(post("/hub-refusing").willReturn(aResponse().withStatus(400).withBody("bad request")));
        String topic = Peers.url(peers, feedPath);
        peers.stubFor(get(feedPath).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml")
                .withBody(atom(t, topic, "only").replace("/hub\"", "/hub-refusing\""))));
        long id = given().contentType(ContentType.JSON).body(Map.of("name", "Refused " + t, "url", topic))
                .post("/sources").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/sources/" + id + "/fetch").then().statusCode(200).body("outcome", equalTo("ok"));
        given().get("/sources/" + id).then().body("websub.state", equalTo("FAILED"))
                .body("websub.lastError", equalTo("hub answered HTTP 400"));
    }
}
