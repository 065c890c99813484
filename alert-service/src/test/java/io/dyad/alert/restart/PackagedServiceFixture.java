package io.dyad.alert.restart;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.TaggedArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import java.io.IOException;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the restart tests share: an in-process broker (3 partitions), a database of their own on the local PostgreSQL,
 * a WireMock receiver, a producer for tagged articles, and the packaged service ({@code quarkus-run.jar}, prod
 * profile) started as real processes — each replica on a port of its own, waited for until ready, then stopped
 * (SIGTERM) or killed (SIGKILL) by the test.
 */
final class PackagedServiceFixture implements AutoCloseable {

    /** One running replica. */
    record Replica(Process process, int port) {
        String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    final EmbeddedKafka kafka;
    final WireMockServer receiver;
    private final KafkaProducer<String, String> producer;
    private final Map<String, String> env;
    private final Path log;
    private final List<Replica> replicas = new ArrayList<>();

    /**
     * @param name names the database ({@code it_alert_<name>_…}) and the log next to the jar ({@code <name>-it.log})
     * @param extraEnv settings of the test on top of the broker, database, admin key and private egress
     */
    PackagedServiceFixture(String name, String adminKey, Map<String, String> extraEnv) {
        kafka = EmbeddedKafka.startTemporary(3);
        kafka.createTopics(3, Topics.ARTICLES_TAGGED, Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX);
        LocalPostgres pg = LocalPostgres.shared();
        String database = "it_alert_" + name.replace('-', '_') + "_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(database);
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                "DYAD_ADMIN_API_KEY", adminKey,
                "DYAD_EGRESS_ALLOW_PRIVATE", "true"));
        env.putAll(extraEnv);
        log = jar().getParent().getParent().resolve(name + "-it.log");
    }

    /** Publishes {@code count} new US–Mexico trade articles (one story each); their storyIds in order. */
    List<String> publish(int count) {
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
            producer.send(new ProducerRecord<>(Topics.ARTICLES_TAGGED, article.articleId(),
                    TaggedArticleFixtures.json(article)));
            stories.add(article.storyId());
        }
        producer.flush();
        return stories;
    }

    /** Starts one more replica of the packaged service and waits until it is ready (database and broker reachable). */
    Replica launch() throws IOException {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn verify packages it before the *IT tests");
        }
        int port = FreePorts.next();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // a killed member's partitions come back after this (the default 45 s would only slow the tests)
                "-Dmp.messaging.incoming.articles-tagged.session.timeout.ms=10000",
                "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Replica replica = new Replica(builder.start(), port);
        replicas.add(replica);
        awaitReady(replica);
        return replica;
    }

    /** SIGTERM: the service shuts down gracefully; true when it exited within 60 s. */
    static boolean stop(Replica replica) throws InterruptedException {
        replica.process().destroy();
        return replica.process().waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown at all; true when it was gone within 30 s. */
    static boolean kill(Replica replica) throws InterruptedException {
        replica.process().destroyForcibly();
        return replica.process().waitFor(30, TimeUnit.SECONDS);
    }

    private void awaitReady(Replica replica) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(replica.base() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Process process = replica.process();
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

    private static Path jar() {
        return Path.of(System.getProperty("dyad.alert.jar"));
    }

    @Override
    public void close() {
        replicas.forEach(r -> r.process().destroyForcibly());
        producer.close();
        receiver.stop();
        kafka.close();
    }
}
