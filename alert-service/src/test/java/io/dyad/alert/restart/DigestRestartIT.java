package io.dyad.alert.restart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.TaggedArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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

    private EmbeddedKafka kafka;
    private WireMockServer receiver;
    private KafkaProducer<String, String> producer;
    private final List<Process> processes = new ArrayList<>();
    private Map<String, String> env;
    private Path log;

    @BeforeAll
    void start() {
        kafka = EmbeddedKafka.startTemporary(3);
        kafka.createTopics(3, Topics.ARTICLES_TAGGED, Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX);
        LocalPostgres pg = LocalPostgres.shared();
        String database = "it_alert_digest_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(database);
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(post(urlPathMatching("/digests/.*")).willReturn(aResponse().withStatus(204)));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                "DYAD_ADMIN_API_KEY", ADMIN_KEY,
                "DYAD_EGRESS_ALLOW_PRIVATE", "true",
                "DYAD_ALERT_DIGEST_POLL_INTERVAL", "1s"));
        log = Path.of(System.getProperty("dyad.alert.jar")).getParent().getParent().resolve("digest-restart-it.log");
    }

    @AfterAll
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
        if (producer != null) {
            producer.close();
        }
        if (receiver != null) {
            receiver.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aCrashMidWindowLosesNoStoryAndTwoReplicasSendOneDigestPerWindow() throws Exception {
        int first = launch();
        // the window ends at the first whole UTC minute at least 150 s away: time to kill and start two replicas
        Instant end = Instant.now().plusSeconds(150).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        String time = LocalTime.ofInstant(end, ZoneOffset.UTC).toString().substring(0, 5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            var created = given().baseUri(base(first)).header("Authorization", "Bearer " + ADMIN_KEY)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "US–Mexico daily " + i, "filter", Map.of("pairs", List.of("US-MX")),
                            "channel", Map.of("type", "webhook", "url",
                                    "http://127.0.0.1:" + receiver.port() + "/digests/" + i),
                            "frequency", Map.of("type", "daily", "time", time, "timeZone", "UTC")))
                    .when().post("/subscriptions").then().statusCode(201).extract().jsonPath();
            assertThat(Instant.parse(created.getString("frequency.nextDigestAt"))).isEqualTo(end);
            ids.add(created.getString("id"));
        }
        Set<String> stories = new HashSet<>(publish(ARTICLES));
        awaitQueued(first, ids, ARTICLES);

        processes.get(0).destroyForcibly(); // SIGKILL mid-window
        assertThat(processes.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
        int a = launch();
        int b = launch();
        stories.addAll(publish(ARTICLES));
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

    private List<String> publish(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
            producer.send(new ProducerRecord<>(Topics.ARTICLES_TAGGED, article.articleId(),
                    TaggedArticleFixtures.json(article)));
            ids.add(article.storyId());
        }
        producer.flush();
        return ids;
    }

    private List<LoggedRequest> calls() {
        return receiver.findAll(postRequestedFor(urlPathMatching("/digests/.*")));
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** Starts one packaged replica and waits until it is ready; its port. */
    private int launch() throws IOException {
        Path jar = Path.of(System.getProperty("dyad.alert.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn verify packages it before the *IT tests");
        }
        int port = FreePorts.next();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dmp.messaging.incoming.articles-tagged.session.timeout.ms=10000",
                "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        processes.add(process);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base(port) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return port;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("alert-service exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("alert-service not ready within 120 s; see " + log);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
