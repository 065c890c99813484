package io.dyad.alert.digest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.alert.service.DigestService;
import io.dyad.alert.support.EmailSteps;
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
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Digests end to end on the real broker and database: matches of a daily subscription are recorded (QUEUED), not sent;
 * closing the window (called here with a chosen instant instead of waiting for 08:00 in Madrid) makes ONE message per
 * channel — a signed webhook, a Slack message, a mail — with each story once, and nothing for an empty window.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class DigestFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, Object> DAILY_MADRID = Map.of("type", "daily", "time", "08:00",
            "timeZone", "Europe/Madrid");

    @Inject
    DataSource dataSource;

    @Inject
    DigestService digests;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private static JsonPath subscribe(String type, String url, Map<String, Object> frequency) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico <!channel> daily", "filter", Map.of("pairs", List.of("US-MX")),
                        "channel", Map.of("type", type, "url", url), "frequency", frequency))
                .when().post("/subscriptions").then().statusCode(201).extract().jsonPath();
    }

    private static void publish(TaggedArticle article) {
        TestKafka.send(Topics.ARTICLES_TAGGED, article.articleId(), TaggedArticleFixtures.json(article));
    }

    private static JsonPath deliveries(String id, String status) {
        return asAdmin().when().get("/subscriptions/" + id + "/deliveries"
                + (status == null ? "" : "?status=" + status)).then().statusCode(200).extract().jsonPath();
    }

    private static void awaitQueued(String id, int count) {
        await().atMost(WAIT).until(() -> deliveries(id, "QUEUED").getList("$").size() == count);
    }

    private static Instant nextDigestAt(String id) {
        return Instant.parse(asAdmin().when().get("/subscriptions/" + id).then().statusCode(200).extract()
                .path("frequency.nextDigestAt"));
    }

    /** Closes the subscription's open window as the scheduler would a minute after it ends. */
    private List<DigestService.Closed> closeWindowOf(String id) {
        return digests.closeDue(nextDigestAt(id).plusSeconds(60));
    }

    @Test
    void aDailyDigestGathersTheWindowIntoOneSignedWebhookEachStoryOnceAndNeverTwice() throws Exception {
        String hook = WebhookReceiver.newHook();
        JsonPath created = subscribe("webhook", WebhookReceiver.url(hook), DAILY_MADRID);
        String id = created.getString("id");
        String secret = created.getString("channel.secret");
        assertThat(created.getString("frequency.type")).isEqualTo("daily");
        assertThat(created.getString("frequency.time")).isEqualTo("08:00");
        assertThat(created.getString("frequency.timeZone")).isEqualTo("Europe/Madrid");
        Instant end = nextDigestAt(id);
        assertThat(end).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25)));
        assertThat(end.atZone(java.time.ZoneId.of("Europe/Madrid")).toLocalTime()).isEqualTo("08:00");

        TaggedArticle first = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle second = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle third = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle firstElsewhere = TaggedArticleFixtures.usMexicoTrade().storyId(first.storyId())
                .source("Another Outlet").build();
        publish(first);
        publish(second);
        publish(firstElsewhere);
        publish(third);
        publish(TaggedArticleFixtures.japanBrazilTrade().build());
        awaitQueued(id, 3);
        Thread.sleep(1500); // the delivery worker polls every second: a QUEUED row must not be sent
        assertThat(WebhookReceiver.calls(hook)).as("a digest subscription's matches wait for the window").isEmpty();
        // the Atom feed shows the recorded stories before any digest went out
        String feed = RestAssured.given().when().get(created.getString("feed.path")).then().statusCode(200)
                .extract().asString();
        assertThat(feed).contains(second.url()).contains(third.url());
        assertThat(feed.contains(first.url()) || feed.contains(firstElsewhere.url())).isTrue();
        assertThat(feed.split("<entry>", -1)).as("one feed entry per story").hasSize(4);

        List<DigestService.Closed> closed = closeWindowOf(id);
        assertThat(closed).extracting(DigestService.Closed::stories).containsExactly(3);

        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() >= 1);
        Thread.sleep(1500);
        List<LoggedRequest> calls = WebhookReceiver.calls(hook);
        assertThat(calls).as("one POST for the window").hasSize(1);
        LoggedRequest call = calls.get(0);
        assertThat(StandardWebhooksVerifier.verify(secret, call.getHeader("webhook-id"),
                call.getHeader("webhook-timestamp"), call.getBody(), call.getHeader("webhook-signature"),
                Instant.now().getEpochSecond())).as("signature").isTrue();
        JsonNode body = TaggedArticleFixtures.MAPPER.readTree(new String(call.getBody(), StandardCharsets.UTF_8));
        assertThat(body.get("type").asText()).isEqualTo("dyad.digest");
        assertThat(body.get("id").asText()).isEqualTo(call.getHeader("webhook-id"));
        assertThat(body.at("/subscription/id").asText()).isEqualTo(id);
        assertThat(body.at("/window/end").asText()).isEqualTo(end.toString());
        assertThat(body.at("/window/timeZone").asText()).isEqualTo("Europe/Madrid");
        assertThat(body.at("/window/frequency").asText()).isEqualTo("daily");
        assertThat(body.get("storyCount").asInt()).isEqualTo(3);
        assertThat(body.get("more").asInt()).isZero();
        assertThat(body.at("/groups/0/issue").asText()).isEqualTo("trade");
        List<String> storyIds = new ArrayList<>();
        for (JsonNode story : body.at("/groups/0/stories")) {
            storyIds.add(story.at("/article/storyId").asText());
            assertThat(story.at("/matched/pairs/0").asText()).isEqualTo("MX-US");
            assertThat(story.at("/matched/issues").toString()).contains("trade");
            assertThat(story.at("/evidence/0/text").asText()).isEqualTo("Officials from Mexico and the United States");
            assertThat(story.at("/sentences/0").asText()).contains("Officials from Mexico and the United States");
            assertThat(story.at("/article/source").asText()).isNotBlank();
            assertThat(story.at("/article/publishedAt").asText()).isNotBlank();
            assertThat(story.at("/article/url").asText()).startsWith("https://news.example.org/");
        }
        assertThat(storyIds).containsExactlyInAnyOrder(first.storyId(), second.storyId(), third.storyId());

        // the deliveries list: one digest row (SENT, 3 stories, the window) and the story rows it carried
        String digestId = call.getHeader("webhook-id");
        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(id, null).getString(
                "find { it.kind == 'digest' }.status")));
        JsonPath d = deliveries(id, null);
        assertThat(d.getString("find { it.kind == 'digest' }.id")).isEqualTo(digestId);
        assertThat(d.getInt("find { it.kind == 'digest' }.storyCount")).isEqualTo(3);
        assertThat(d.getString("find { it.kind == 'digest' }.windowEnd")).isEqualTo(end.toString());
        assertThat(d.getList("findAll { it.kind == 'story' }.status")).containsOnly("DIGESTED").hasSize(3);
        assertThat(d.getList("findAll { it.kind == 'story' }.digestId")).containsOnly(digestId);

        // next window: a new story, and the first story once more from a third outlet → only the new one
        TaggedArticle fourth = TaggedArticleFixtures.usMexicoTrade().build();
        publish(TaggedArticleFixtures.usMexicoTrade().storyId(first.storyId()).source("Third Outlet").build());
        publish(fourth);
        awaitQueued(id, 1);
        Instant secondEnd = nextDigestAt(id);
        assertThat(secondEnd).as("windows are days apart").isEqualTo(end.plus(Duration.ofDays(1)));
        assertThat(closeWindowOf(id)).extracting(DigestService.Closed::stories).containsExactly(1);
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() >= 2);
        JsonNode second2 = TaggedArticleFixtures.MAPPER.readTree(WebhookReceiver.calls(hook).stream()
                .filter(c -> !c.getHeader("webhook-id").equals(digestId)).findFirst().orElseThrow().getBodyAsString());
        assertThat(second2.get("storyCount").asInt()).isEqualTo(1);
        assertThat(second2.at("/groups/0/stories/0/article/storyId").asText()).isEqualTo(fourth.storyId());
        assertThat(second2.at("/window/start").asText()).isEqualTo(end.toString());

        // an empty window: closed, nothing made, nothing sent
        assertThat(closeWindowOf(id)).extracting(DigestService.Closed::stories).containsExactly(0);
        Thread.sleep(1500);
        assertThat(WebhookReceiver.calls(hook)).hasSize(2);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE kind = 'digest'"))
                .isEqualTo(2);
    }

    @Test
    void aSlackDigestIsOneMessageWithinBlockKitLimitsThatSaysHowManyMore() throws Exception {
        String hook = "/services/T000/B000/" + UUID.randomUUID();
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(hook)).willReturn(aResponse().withStatus(200)
                .withBody("ok")));
        JsonPath created = subscribe("slack", WebhookReceiver.url(hook), DAILY_MADRID);
        String id = created.getString("id");
        int stories = 26;
        for (int i = 0; i < stories; i++) {
            publish(TaggedArticleFixtures.usMexicoTrade().build());
        }
        awaitQueued(id, stories);

        closeWindowOf(id);

        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() >= 1);
        Thread.sleep(2500); // Slack pacing is 1 s: a second message would have come by now
        List<LoggedRequest> calls = WebhookReceiver.calls(hook);
        assertThat(calls).as("never split into several messages").hasSize(1);
        JsonNode m = TaggedArticleFixtures.MAPPER.readTree(calls.get(0).getBodyAsString());
        JsonNode blocks = m.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).at("/type").asText()).isEqualTo("header");
        String header = blocks.get(0).at("/text/text").asText();
        assertThat(header.length()).isLessThanOrEqualTo(150);
        assertThat(header).contains("26 stories").contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        assertThat(m.get("text").asText()).contains("26 stories").doesNotContain("<!channel>");
        int storySections = 0;
        for (JsonNode block : blocks) {
            String text = block.at("/text/text").asText();
            assertThat(text.length()).isLessThanOrEqualTo(3000);
            if (text.contains("Pairs: MX-US")) {
                storySections++;
                assertThat(text).contains("> ").contains("Officials from Mexico and the United States");
            }
        }
        assertThat(storySections).isEqualTo(20);
        String last = blocks.get(blocks.size() - 1).at("/text/text").asText();
        assertThat(last).contains("6 more").contains(created.getString("feed.path")).contains("Atom feed");
        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(id, null).getString(
                "find { it.kind == 'digest' }.status")));
    }

    @Test
    void anEmailDigestIsOneMailWithTextAndHtmlUnsubscribeHeadersAndTheDigestsMessageId() throws Exception {
        String address = "digest-" + UUID.randomUUID() + "@example.org";
        String id = EmailSteps.subscribeConfirmed(asAdmin(), address);
        asAdmin().contentType(ContentType.JSON).body(Map.of("frequency", DAILY_MADRID))
                .when().patch("/subscriptions/" + id).then().statusCode(200).body("frequency.type", org.hamcrest
                        .Matchers.equalTo("daily"));
        int before = MailServer.to(address).size();
        TaggedArticle a = TaggedArticleFixtures.usMexicoTrade().source("Wire <b>&</b>").build();
        TaggedArticle b = TaggedArticleFixtures.usMexicoTrade().build();
        publish(a);
        publish(b);
        awaitQueued(id, 2);

        closeWindowOf(id);

        List<MimeMessage> mails = EmailSteps.awaitMails(address, before + 1);
        Thread.sleep(1500);
        assertThat(MailServer.to(address)).as("one mail for the window").hasSize(before + 1);
        MimeMessage mail = mails.get(before);
        assertThat(mail.getSubject()).startsWith("[Dyad digest] US–Mexico by mail: 2 stories");
        String text = EmailSteps.part(mail, "text/plain");
        String html = EmailSteps.part(mail, "text/html");
        assertThat(text).contains(a.url()).contains(b.url()).contains("Country pairs: MX-US")
                .contains("Officials from Mexico and the United States").contains("== Trade (2 stories) ==")
                .contains("Europe/Madrid");
        assertThat(html).contains("<a href=\"" + a.url() + "\">").contains("Wire &lt;b&gt;&amp;&lt;/b&gt;")
                .doesNotContain("Wire <b>");
        String digestId = deliveries(id, null).getString("find { it.kind == 'digest' }.id");
        assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + digestId + "@localhost>");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/email/unsubscribe?token=");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void twoClosersAtOnceMakeOneDigestPerSubscriptionAndWindow() throws Exception {
        int subscriptions = 12;
        List<String> hooks = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < subscriptions; i++) {
            String hook = WebhookReceiver.newHook();
            hooks.add(hook);
            ids.add(subscribe("webhook", WebhookReceiver.url(hook), DAILY_MADRID).getString("id"));
        }
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        for (String id : ids) {
            awaitQueued(id, 2);
        }
        Instant at = nextDigestAt(ids.get(0)).plusSeconds(60);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DigestService.Closed>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<List<DigestService.Closed>> close = () -> digests.closeDue(at);
                results.add(pool.submit(close));
            }
            Map<String, Integer> closes = new HashMap<>();
            for (Future<List<DigestService.Closed>> r : results) {
                for (DigestService.Closed c : r.get()) {
                    closes.merge(c.subscriptionId().toString(), 1, Integer::sum);
                }
            }
            assertThat(closes).as("each window closed by exactly one closer").hasSize(subscriptions)
                    .allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE kind = 'digest'"))
                .isEqualTo(subscriptions);
        assertThat(TestDatabase.count(dataSource,
                "SELECT count(*) FROM (SELECT DISTINCT subscription_id, window_end FROM deliveries"
                        + " WHERE kind = 'digest') w")).isEqualTo(subscriptions);
        for (String hook : hooks) {
            await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() >= 1);
        }
        Thread.sleep(1500);
        Set<String> webhookIds = new HashSet<>();
        for (String hook : hooks) {
            List<LoggedRequest> calls = WebhookReceiver.calls(hook);
            assertThat(calls).hasSize(1);
            webhookIds.add(calls.get(0).getHeader("webhook-id"));
            assertThat(TaggedArticleFixtures.MAPPER.readTree(calls.get(0).getBodyAsString()).get("storyCount")
                    .asInt()).isEqualTo(2);
        }
        assertThat(webhookIds).hasSize(subscriptions);
    }

    @Test
    void aDigestIsRetriedUnderItsOwnIdAndAFailedOneIsReplayedByEnable() throws Exception {
        // a webhook that fails once: the retry carries the same webhook-id
        String hook = "/hooks/" + UUID.randomUUID();
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(hook)).inScenario(hook)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(hook)).inScenario(hook).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        String id = subscribe("webhook", WebhookReceiver.url(hook), DAILY_MADRID).getString("id");
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        awaitQueued(id, 1);
        closeWindowOf(id);
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() >= 2);
        List<LoggedRequest> calls = WebhookReceiver.calls(hook);
        assertThat(calls.get(0).getHeader("webhook-id")).isEqualTo(calls.get(1).getHeader("webhook-id"));
        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(id, null).getString(
                "find { it.kind == 'digest' }.status")));
        assertThat(deliveries(id, null).getInt("find { it.kind == 'digest' }.attempts")).isEqualTo(2);

        // Slack says the channel is gone: the digest FAILED, the channel disabled, the owner told; enable replays it
        String slack = "/services/T000/B000/" + UUID.randomUUID();
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(slack)).willReturn(aResponse().withStatus(404)
                .withBody("channel_not_found")));
        String sid = subscribe("slack", WebhookReceiver.url(slack), DAILY_MADRID).getString("id");
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        awaitQueued(sid, 1);
        closeWindowOf(sid);
        await().atMost(WAIT).until(() -> "FAILED".equals(deliveries(sid, null).getString(
                "find { it.kind == 'digest' }.status")));
        asAdmin().when().get("/subscriptions/" + sid).then().statusCode(200)
                .body("channel.disabled", org.hamcrest.Matchers.equalTo(true));
        await().atMost(WAIT).until(() -> asAdmin().when().get("/notices").then().extract().jsonPath()
                .getList("findAll { it.subscriptionId == '" + sid + "' }.kind").contains("channel_disabled"));
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(slack)).willReturn(aResponse().withStatus(200)
                .withBody("ok")));
        asAdmin().when().post("/subscriptions/" + sid + "/enable").then().statusCode(200)
                .body("replay.replayed", org.hamcrest.Matchers.equalTo(1));
        await().atMost(WAIT).until(() -> "SENT".equals(deliveries(sid, null).getString(
                "find { it.kind == 'digest' }.status")));
        List<LoggedRequest> slackCalls = WebhookReceiver.calls(slack);
        assertThat(slackCalls).hasSize(2);
        assertThat(slackCalls.get(0).getBodyAsString()).isEqualTo(slackCalls.get(1).getBodyAsString())
                .contains("1 story");
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE kind = 'digest'"
                + " AND subscription_id = ?::uuid", sid)).isEqualTo(1);
    }
}
