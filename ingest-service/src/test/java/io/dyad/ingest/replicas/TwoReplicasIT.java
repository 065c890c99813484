package io.dyad.ingest.replicas;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.Topics;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service, as two JVM processes, against one PostgreSQL database and one broker. Each
 * polls on its own (no leader); every feed answers slowly, so claims overlap in time. WireMock counts the requests:
 * every source is fetched exactly once, both replicas did part of the work, and every article is on the topic once.
 * All feeds are on one host: across both replicas its requests never overlap and keep the per-host pause.
 */
class TwoReplicasIT {

    private static final String KEY = "replicas-it-key";
    private static final int SOURCES = 24;
    private static final Duration PER_HOST_DELAY = Duration.ofMillis(300);

    private static EmbeddedKafka kafka;
    private static WireMockServer feeds;
    private static ReplicaProcess a;
    private static ReplicaProcess b;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.startTemporary(3);
        kafka.createTopics(3, Topics.ARTICLES_RAW);
        LocalPostgres pg = LocalPostgres.shared();
        String db = "ingest_replicas_it" + System.getenv().getOrDefault("DYAD_TEST_DB_SUFFIX", "");
        pg.createDatabase(db);
        // a fresh schema each run: sources of an earlier run would be due too and blur the counts
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(db), LocalPostgres.USER,
                LocalPostgres.PASSWORD); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
        feeds = Peers.wireMock();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(db));
        env.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        env.put("DYAD_ADMIN_API_KEY", KEY);
        env.put("DYAD_EGRESS_ALLOW_PRIVATE", "true");
        env.put("DYAD_INGEST_POLL_CHECK_INTERVAL", "1s");
        env.put("DYAD_INGEST_POLL_BATCH_SIZE", "3");
        // every feed is on one host (WireMock): both replicas together must keep one request in flight and this pause
        env.put("DYAD_INGEST_FETCH_PER_HOST_DELAY", "PT" + PER_HOST_DELAY.toMillis() / 1000.0 + "S");
        Path logs = Path.of("target", "replicas-it");
        // one after the other: the first migrates the empty database
        a = new ReplicaProcess("replica-a", FreePorts.next(), env, logs).awaitReady(Duration.ofSeconds(300));
        b = new ReplicaProcess("replica-b", FreePorts.next(), env, logs).awaitReady(Duration.ofSeconds(300));
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (feeds != null) {
            feeds.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static io.restassured.specification.RequestSpecification admin(ReplicaProcess r) {
        return RestAssured.given().baseUri(r.baseUrl()).header("Authorization", "Bearer " + KEY);
    }

    /** Sum of dyad_ingest_fetches_total over outcomes on one replica. */
    private static double fetchesOn(ReplicaProcess r) {
        String metrics = RestAssured.given().baseUri(r.baseUrl()).get("/q/metrics").asString();
        Matcher m = Pattern.compile("(?m)^dyad_ingest_fetches_total\\{[^}]*} ([0-9.E]+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    @Test
    void twoReplicasShareTheDueSourcesAndNeverFetchOneTwice() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        List<String> links = new ArrayList<>();
        for (int i = 0; i < SOURCES; i++) {
            String link = "https://wire.example/" + run + "/story-" + i;
            links.add(link);
            // 400 ms per answer: each replica's claim of 3 takes a while, so both poll at the same time
            feeds.stubFor(get("/" + run + "/feed-" + i + ".xml").willReturn(aResponse().withStatus(200)
                    .withFixedDelay(400).withHeader("Content-Type", "application/rss+xml")
                    .withBody(TestFeeds.rss("Feed " + i, List.of(new TestFeeds.Item("Story " + i, link,
                            "Story number " + i + " of the replica test.", null))))));
        }
        // created through both replicas; a minimum interval of one minute keeps a second fetch out of this test
        for (int i = 0; i < SOURCES; i++) {
            admin(i % 2 == 0 ? a : b).contentType(ContentType.JSON)
                    .body(Map.of("name", "Feed " + i, "url", Peers.url(feeds, "/" + run + "/feed-" + i + ".xml"),
                            "minPollInterval", "PT1M", "maxPollInterval", "PT1H"))
                    .post("/sources").then().statusCode(201);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            List<Map<String, Object>> sources = admin(a).get("/sources").jsonPath().getList("$");
            long fetched = sources.stream().filter(s -> s.get("lastFetchAt") != null).count();
            if (fetched == SOURCES) {
                assertThat(sources).allMatch(s -> "ok".equals(s.get("lastOutcome")));
                break;
            }
            assertThat(System.nanoTime()).as("all sources fetched within 240 s (" + fetched + " so far)")
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
        Thread.sleep(3000); // several more scheduler ticks on both replicas: nothing may be fetched again

        for (int i = 0; i < SOURCES; i++) {
            feeds.verify(1, getRequestedFor(urlEqualTo("/" + run + "/feed-" + i + ".xml")));
        }
        // and never two requests for one feed in flight at once: each was requested once in all
        List<LoggedRequest> all = feeds.findAll(getRequestedFor(urlEqualTo("/" + run + "/feed-0.xml")));
        assertThat(all).hasSize(1);

        // one host, two replicas: each request started after the previous one ended plus the pause
        List<ServeEvent> served = new ArrayList<>(feeds.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/" + run + "/")).toList());
        served.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        assertThat(served).hasSize(SOURCES);
        for (int i = 1; i < served.size(); i++) {
            ServeEvent before = served.get(i - 1);
            long endedMs = before.getRequest().getLoggedDate().getTime() + before.getTiming().getTotalTime();
            long gapMs = served.get(i).getRequest().getLoggedDate().getTime() - endedMs;
            // WireMock's times are whole milliseconds and the response leaves after its timing ends: 30 ms slack
            assertThat(gapMs).as("pause before request %d (%s)", i, served.get(i).getRequest().getUrl())
                    .isGreaterThanOrEqualTo(PER_HOST_DELAY.toMillis() - 30);
        }

        double byA = fetchesOn(a);
        double byB = fetchesOn(b);
        assertThat(byA + byB).isEqualTo(SOURCES);
        assertThat(byA).as("replica A fetched some").isPositive();
        assertThat(byB).as("replica B fetched some").isPositive();
        System.out.printf("replica A fetched %.0f sources, replica B %.0f%n", byA, byB);

        // every article once on the topic, whichever replica published it
        Map<String, Integer> perKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll()) {
            perKey.merge(r.key(), 1, Integer::sum);
        }
        for (String link : links) {
            assertThat(perKey.get(ArticleIds.articleId(ArticleIds.canonicalUrl(link)))).as(link).isEqualTo(1);
        }
    }

    private static List<ConsumerRecord<String, String>> readAll() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(Topics.ARTICLES_RAW, Duration.ofSeconds(10)).stream()
                    .map(x -> new TopicPartition(x.topic(), x.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
