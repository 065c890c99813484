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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged service ({@code quarkus-run.jar}, prod profile) as a real process on the in-process broker, a real
 * PostgreSQL and a WireMock receiver: stopped (SIGTERM) and killed (SIGKILL) while hundreds of alerts are going out,
 * then started again. Every (subscription, story) must arrive — none lost — under exactly one {@code webhook-id}
 * — no duplicate alert. After SIGTERM no request may repeat at all; after SIGKILL a request that was in flight may
 * repeat with the same {@code webhook-id} (at-least-once, which Standard Webhooks receivers drop), and the test
 * reports how many did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final String ADMIN_KEY = "restart-it-admin-key-0123456789abcdef";
    private static final int SUBSCRIPTIONS = 10;
    private static final int ARTICLES = 60;

    private PackagedServiceFixture fixture;
    private PackagedServiceFixture.Replica replica;

    @BeforeAll
    void start() throws IOException {
        // a killed sender's claim comes back after this lease (default 60 s)
        fixture = new PackagedServiceFixture("restart", ADMIN_KEY, Map.of("DYAD_ALERT_DELIVERY_LEASE", "30s"));
        // a receiver that takes a little time, so a stop lands while alerts are in flight
        fixture.receiver.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)
                .withFixedDelay(15)));
        replica = fixture.launch();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            given().baseUri(replica.base()).header("Authorization", "Bearer " + ADMIN_KEY)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "US–Mexico " + i, "filter", Map.of("pairs", List.of("US-MX")),
                            "channel", Map.of("type", "webhook", "url",
                                    "http://127.0.0.1:" + fixture.receiver.port() + "/hooks/" + i)))
                    .when().post("/subscriptions").then().statusCode(201);
        }
    }

    @AfterAll
    void stopAll() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void aGracefulRestartMidDeliveryLosesNothingAndRepeatsNothing() throws Exception {
        Set<String> stories = Set.copyOf(fixture.publish(ARTICLES));
        await().atMost(Duration.ofSeconds(60)).until(() -> calls(stories).size() >= 100);
        assertThat(PackagedServiceFixture.stop(replica)).as("exited after SIGTERM").isTrue();
        int before = calls(stories).size();
        replica = fixture.launch();

        List<LoggedRequest> calls = awaitAll(stories);
        assertThat(before).as("stopped mid-delivery").isLessThan(SUBSCRIPTIONS * ARTICLES);
        assertThat(alerts(calls)).as("one webhook-id per subscription and story").hasSize(SUBSCRIPTIONS * ARTICLES);
        assertThat(calls).as("no request repeated after a graceful stop").hasSize(SUBSCRIPTIONS * ARTICLES);
        System.out.printf("RestartIT graceful: %d alerts before SIGTERM, %d in all, 0 repeats%n", before,
                calls.size());
    }

    @Test
    @Order(2)
    void aCrashMidDeliveryLosesNothingAndSendsNoSecondAlert() throws Exception {
        Set<String> stories = Set.copyOf(fixture.publish(ARTICLES));
        await().atMost(Duration.ofSeconds(60)).until(() -> calls(stories).size() >= 100);
        // SIGKILL: no shutdown, nothing recorded for the sends in flight
        assertThat(PackagedServiceFixture.kill(replica)).isTrue();
        int before = calls(stories).size();
        replica = fixture.launch();

        List<LoggedRequest> calls = awaitAll(stories);
        Map<String, Long> perId = calls.stream().collect(Collectors.groupingBy(c -> c.getHeader("webhook-id"),
                Collectors.counting()));
        long repeats = calls.size() - perId.size();
        assertThat(before).as("killed mid-delivery").isLessThan(SUBSCRIPTIONS * ARTICLES);
        assertThat(alerts(calls)).as("one webhook-id per subscription and story").hasSize(SUBSCRIPTIONS * ARTICLES);
        assertThat(perId).hasSize(SUBSCRIPTIONS * ARTICLES);
        // only sends that were in flight at the kill (at most the 8 sender threads' worth) may come again
        assertThat(repeats).as("same-id repeats after SIGKILL").isLessThanOrEqualTo(8);
        System.out.printf("RestartIT crash: %d alerts before SIGKILL, %d requests in all, %d distinct webhook-ids, "
                + "%d same-id repeats%n", before, calls.size(), perId.size(), repeats);
    }

    /** The distinct alerts: (subscription path, story) → webhook-ids seen for it; each must have exactly one id. */
    private static Map<String, Set<String>> alerts(List<LoggedRequest> calls) {
        Map<String, Set<String>> out = calls.stream().collect(Collectors.groupingBy(
                c -> c.getUrl() + " " + story(c), Collectors.mapping(c -> c.getHeader("webhook-id"),
                        Collectors.toSet())));
        assertThat(out.values()).allSatisfy(ids -> assertThat(ids).as("webhook-ids of one alert").hasSize(1));
        return out;
    }

    private List<LoggedRequest> awaitAll(Set<String> stories) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> alerts(calls(stories)).size() >= SUBSCRIPTIONS * ARTICLES);
        // give a wrong second send the chance to show up
        sleep(4000);
        return calls(stories);
    }

    private List<LoggedRequest> calls(Set<String> stories) {
        return fixture.receiver.findAll(postRequestedFor(urlPathMatching("/hooks/.*"))).stream()
                .filter(c -> stories.contains(story(c))).toList();
    }

    private static String story(LoggedRequest call) {
        try {
            JsonNode body = TaggedArticleFixtures.MAPPER.readTree(call.getBodyAsString());
            return body.at("/article/storyId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
