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
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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

    private EmbeddedKafka kafka;
    private WireMockServer receiver;
    private KafkaProducer<String, String> producer;
    private Process process;
    private Map<String, String> env;
    private int port;
    private Path log;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.startTemporary(3);
        kafka.createTopics(3, Topics.ARTICLES_TAGGED, Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX);
        LocalPostgres pg = LocalPostgres.shared();
        String database = "it_alert_restart_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(database);
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        // a receiver that takes a little time, so a stop lands while alerts are in flight
        receiver.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)
                .withFixedDelay(15)));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());

        port = FreePorts.next();
        env = new HashMap<>(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                "DYAD_ADMIN_API_KEY", ADMIN_KEY,
                "DYAD_EGRESS_ALLOW_PRIVATE", "true",
                // a killed sender's claim comes back after this lease (default 60 s)
                "DYAD_ALERT_DELIVERY_LEASE", "30s"));
        log = Path.of(System.getProperty("dyad.alert.jar")).getParent().getParent().resolve("restart-it.log");
        launch();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            given().baseUri(base()).header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON)
                    .body(Map.of("name", "US–Mexico " + i, "filter", Map.of("pairs", List.of("US-MX")),
                            "channel", Map.of("type", "webhook", "url",
                                    "http://127.0.0.1:" + receiver.port() + "/hooks/" + i)))
                    .when().post("/subscriptions").then().statusCode(201);
        }
    }

    @AfterAll
    void stopAll() {
        if (process != null) {
            process.destroyForcibly();
        }
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
    @Order(1)
    void aGracefulRestartMidDeliveryLosesNothingAndRepeatsNothing() throws Exception {
        Set<String> stories = publish(ARTICLES);
        await().atMost(Duration.ofSeconds(60)).until(() -> calls(stories).size() >= 100);
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int before = calls(stories).size();
        launch();

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
        Set<String> stories = publish(ARTICLES);
        await().atMost(Duration.ofSeconds(60)).until(() -> calls(stories).size() >= 100);
        process.destroyForcibly(); // SIGKILL: no shutdown, nothing recorded for the sends in flight
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int before = calls(stories).size();
        launch();

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

    private Set<String> publish(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
            producer.send(new ProducerRecord<>(Topics.ARTICLES_TAGGED, article.articleId(),
                    TaggedArticleFixtures.json(article)));
            ids.add(article.storyId());
        }
        producer.flush();
        return Set.copyOf(ids);
    }

    private List<LoggedRequest> calls(Set<String> stories) {
        return receiver.findAll(postRequestedFor(urlPathMatching("/hooks/.*"))).stream()
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

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the packaged service and waits until it is ready (database and broker reachable). */
    private void launch() throws IOException {
        Path jar = Path.of(System.getProperty("dyad.alert.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn verify packages it before the *IT tests");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // a killed member's partitions come back after this (the default 45 s would only slow the test)
                "-Dmp.messaging.incoming.articles-tagged.session.timeout.ms=10000",
                "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Function<HttpRequest, Integer> status = r -> {
            try {
                return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        };
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (status.apply(ready) != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException("alert-service exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("alert-service not ready within 120 s; see " + log);
            }
            sleep(250);
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
