package io.dyad.alert.restart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Digests on the real clock with the packaged service as real processes: daily digests due a few minutes from now
 * (UTC), half the window's stories matched, the service killed (SIGKILL) mid-window and started again as TWO replicas
 * on the same database, the other half matched; when the window ends each subscription gets exactly one digest (both
 * replicas' schedulers look for due windows every second) carrying every story once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigestRestartIT {

    private static final String ADMIN_KEY = "digest-it-admin-key-0123456789abcdef";
    private static final int SUBSCRIPTIONS = 3;
    private static final int ARTICLES = 10;

    private PackagedServiceFixture fixture;

    @BeforeAll
    void start() {
        fixture = new PackagedServiceFixture("digest-restart", ADMIN_KEY, Map.of("DYAD_ALERT_DIGEST_POLL_INTERVAL", "1s"));
        fixture.receiver.stubFor(post(urlPathMatching("/digests/.*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    void stopAll() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aCrashMidWindowLosesNoStoryAndTwoReplicasSendOneDigestPerWindow() throws Exception {
        PackagedServiceFixture.Replica replica = fixture.launch();
        int first = replica.port();
        // the window ends at the first whole UTC minute at least 150 s away: time to kill and start two replicas
        Instant end = Instant.now().plusSeconds(150).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        String time = LocalTime.ofInstant(end, ZoneOffset.UTC).toString().substring(0, 5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            var created = given().baseUri(base(first)).header("Authorization", "Bearer " + ADMIN_KEY)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "US–Mexico daily " + i, "filter", Map.of("pairs", List.of("US-MX")),
                            "channel", Map.of("type", "webhook", "url",
                                    "http://127.0.0.1:" + fixture.receiver.port() + "/digests/" + i),
                            "frequency", Map.of("type", "daily", "time", time, "timeZone", "UTC")))
                    .when().post("/subscriptions").then().statusCode(201).extract().jsonPath();
            assertThat(Instant.parse(created.getString("frequency.nextDigestAt"))).isEqualTo(end);
            ids.add(created.getString("id"));
        }
        Set<String> stories = new HashSet<>(fixture.publish(ARTICLES));
        awaitQueued(first, ids, ARTICLES);

        assertThat(PackagedServiceFixture.kill(replica)).as("SIGKILL mid-window").isTrue();
        int a = fixture.launch().port();
        fixture.launch();
        stories.addAll(fixture.publish(ARTICLES));
        awaitQueued(a, ids, 2 * ARTICLES);
        assertThat(Instant.now()).as("the window is still open; the test machine was too slow").isBefore(end);
        assertThat(calls()).as("nothing sent before the window ends").isEmpty();

        await().atMost(Duration.between(Instant.now(), end).plusSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> calls().size() >= SUBSCRIPTIONS);
        Thread.sleep(5000); // both replicas' schedulers tick every second: a second digest would come now
        List<LoggedRequest> calls = calls();
        assertThat(calls).as("one digest per subscription").hasSize(SUBSCRIPTIONS);
        Set<String> paths = new HashSet<>();
        for (LoggedRequest call : calls) {
            paths.add(call.getUrl());
            JsonNode body = TaggedArticleFixtures.MAPPER.readTree(call.getBodyAsString());
            assertThat(body.at("/window/end").asText()).isEqualTo(end.toString());
            assertThat(body.get("storyCount").asInt()).isEqualTo(2 * ARTICLES);
            Set<String> got = new HashSet<>();
            body.get("groups").forEach(g -> g.get("stories").forEach(s -> got.add(s.at("/article/storyId")
                    .asText())));
            assertThat(got).as("every story of the window, before and after the crash, once").isEqualTo(stories);
        }
        assertThat(paths).hasSize(SUBSCRIPTIONS);
        System.out.printf("DigestRestartIT: window ending %s, %d digests of %d stories each, by two replicas after "
                + "a SIGKILL%n", end, calls.size(), 2 * ARTICLES);
    }

    private void awaitQueued(int port, List<String> ids, int count) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> ids.stream()
                .allMatch(id -> given().baseUri(base(port)).header("Authorization", "Bearer " + ADMIN_KEY).when()
                        .get("/subscriptions/" + id + "/deliveries?status=QUEUED&limit=500").then().extract()
                        .jsonPath().getList("$").size() == count));
    }

    private List<LoggedRequest> calls() {
        return fixture.receiver.findAll(postRequestedFor(urlPathMatching("/digests/.*")));
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }
}
