package io.dyad.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline over the packaged services as processes, a real broker and a real database: an RSS feed served
 * by WireMock → ingest → classify → alert → one webhook call per matching story, none for the others, and none twice
 * when alert-service restarts and re-reads the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/hooks/us-mx";
    private static final String ADMIN_KEY = "dyad_admin_" + UUID.randomUUID().toString().replace("-", "");

    private EmbeddedKafka kafka;
    private WireMockServer peers;
    private ServiceProcess ingest;
    private ServiceProcess classify;
    private ServiceProcess alert;
    private String subscriptionId;
    private String signingSecret;

    @BeforeAll
    void startSystem() throws IOException {
        kafka = EmbeddedKafka.startTemporary(3);
        kafka.createTopics(3, Topics.ARTICLES_RAW, Topics.ARTICLES_TAGGED, Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX,
                Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX);
        LocalPostgres pg = LocalPostgres.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase("st_ingest_" + run);
        pg.createDatabase("st_alert_" + run);

        peers = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        peers.start();
        peers.stubFor(get(urlEqualTo("/feeds/wire.xml")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withBody(resource("/feeds/wire.xml"))));
        peers.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));

        Path root = Path.of(System.getProperty("dyad.root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("system-tests/target/system-logs");
        Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "DYAD_ADMIN_API_KEY", ADMIN_KEY, "DYAD_EGRESS_ALLOW_PRIVATE", "true",
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER, "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        classify = new ServiceProcess("classify-service", root, FreePorts.next(), common, logs);
        alert = new ServiceProcess("alert-service", root, FreePorts.next(), with(common,
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("st_alert_" + run)), logs);
        ingest = new ServiceProcess("ingest-service", root, FreePorts.next(), with(common,
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("st_ingest_" + run)), logs);
        classify.start();
        alert.start();
        ingest.start();
    }

    @AfterAll
    void stopSystem() {
        for (AutoCloseable closeable : new AutoCloseable[] {ingest, classify, alert}) {
            closeQuietly(closeable);
        }
        if (peers != null) {
            peers.stop();
        }
        closeQuietly(kafka);
    }

    @Test
    @Order(1)
    void usMexicoStoryFromAFeedAlertsOnceAndJapanBrazilNever() throws Exception {
        var created = api(alert).contentType(ContentType.JSON).body("""
                {"name":"US–Mexico trade","filter":{"pairs":["US-MX"],"countries":[],"issues":["trade","migration"]},
                 "channel":{"type":"webhook","url":"%s"}}""".formatted(peers.baseUrl() + HOOK))
                .when().post("/subscriptions").then().statusCode(201).extract();
        subscriptionId = created.path("id").toString();
        signingSecret = created.path("channel.secret");

        String sourceId = api(ingest).contentType(ContentType.JSON).body("""
                {"name":"System Test Wire","url":"%s","type":"rss","pollInterval":"PT1H"}"""
                .formatted(peers.baseUrl() + "/feeds/wire.xml"))
                .when().post("/sources").then().statusCode(201).extract().path("id").toString();
        int published = api(ingest).when().post("/sources/" + sourceId + "/fetch")
                .then().statusCode(200).extract().path("published");
        assertThat(published).isEqualTo(2);

        await().atMost(Duration.ofSeconds(60)).until(() -> webhookCalls().size() >= 1);
        awaitAlertServiceCaughtUp();
        List<LoggedRequest> calls = webhookCalls();
        assertThat(calls).hasSize(1);
        JsonNode alertBody = JSON.readTree(calls.get(0).getBodyAsString());
        assertThat(alertBody.at("/article/title").asText()).startsWith("United States and Mexico sign deal");
        assertThat(alertBody.at("/matched/pairs").toString()).contains("MX-US");
        assertThat(alertBody.at("/matched/issues").toString()).contains("trade");
        assertThat(alertBody.at("/evidence")).isNotEmpty();
        assertThat(calls.get(0).getHeader("webhook-id")).isNotBlank();
        assertThat(calls.get(0).getHeader("webhook-signature")).contains(expectedSignature(calls.get(0)));

        int refetched = api(ingest).when().post("/sources/" + sourceId + "/fetch")
                .then().statusCode(200).extract().path("published");
        assertThat(refetched).as("a refetch of the same feed publishes nothing new").isZero();
    }

    @Test
    @Order(2)
    void restartingAlertServiceAndReplayingTheTopicSendsNoDuplicate() throws Exception {
        alert.stop();
        // Re-read everything from the start once it is back: only the dedup rows stand between us and duplicates.
        EmbeddedKafka.resetGroupToEarliest(kafka.bootstrapServers(), "alert-service", Topics.ARTICLES_TAGGED);
        api(ingest).contentType(ContentType.JSON).body("""
                {"url":"http://wire.test/2026/11/us-mexico-migration","title":"Mexico and the United States expand work visas in new migration deal",
                 "text":"Mexico and the United States agreed to expand seasonal work visas, a migration measure officials in Washington and Mexico City said would reduce irregular crossings at the border."}""")
                .when().post("/articles").then().statusCode(202);
        alert.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> webhookCalls().size() >= 2);
        awaitAlertServiceCaughtUp();
        List<LoggedRequest> calls = webhookCalls();
        assertThat(calls).hasSize(2);
        Set<String> ids = calls.stream().map(c -> c.getHeader("webhook-id")).collect(Collectors.toSet());
        Set<String> stories = calls.stream().map(c -> storyId(c)).collect(Collectors.toSet());
        assertThat(ids).hasSize(2);
        assertThat(stories).hasSize(2);
    }

    /** Waits until alert-service has committed offsets up to the end of the tagged topic, then a little longer. */
    private void awaitAlertServiceCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> EmbeddedKafka.groupLag(kafka.bootstrapServers(), "alert-service",
                        Topics.ARTICLES_TAGGED) == 0);
        // deliveries are sent by a worker after the commit: give it time to (wrongly) send anything extra
        sleep(3000);
    }

    /** A request to {@code service} as the operator (admin key). */
    private static RequestSpecification api(ServiceProcess service) {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).baseUri(service.baseUrl());
    }

    private List<LoggedRequest> webhookCalls() {
        return peers.findAll(postRequestedFor(urlEqualTo(HOOK)));
    }

    /** Standard Webhooks: v1,base64(HMAC-SHA256(base64-decoded whsec_ key, "id.timestamp.body")), computed here on its own. */
    private String expectedSignature(LoggedRequest call) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(signingSecret.substring("whsec_".length())), "HmacSHA256"));
        String signed = call.getHeader("webhook-id") + "." + call.getHeader("webhook-timestamp") + "."
                + call.getBodyAsString();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static String storyId(LoggedRequest call) {
        try {
            return JSON.readTree(call.getBodyAsString()).at("/article/storyId").asText();
        } catch (IOException e) {
            throw new AssertionError("webhook body is not JSON: " + call.getBodyAsString(), e);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> out = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = PipelineIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // best effort during teardown
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
