package io.dyad.systemtests.faults;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.Topics;
import io.dyad.systemtests.BrokerProcess;
import io.dyad.systemtests.DedicatedPostgres;
import io.dyad.systemtests.DirectoryTrees;
import io.dyad.systemtests.ServiceProcess;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole system for one fault test class: the broker in its own process, a dedicated PostgreSQL cluster, the
 * receiver, and the packaged services as processes (any number of instances of each). It publishes articles, makes
 * subscriptions, waits until the pipeline has caught up and counts what the receiver got against what the tagged
 * topic says should have been alerted.
 */
final class FaultSystem implements AutoCloseable {

    static final String ADMIN_KEY = "dyad_admin_" + UUID.randomUUID().toString().replace("-", "");
    static final String CLASSIFY = "classify-service";
    static final String ALERT = "alert-service";
    static final String INGEST = "ingest-service";
    /** Readiness deadline of one service start; on a loaded 2-core machine four JVMs at once take minutes. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("dyad.faults.start-timeout-s", 240));
    /** Articles per test ({@code -Ddyad.faults.articles}; {@code -Psoak} raises it). */
    static final int ARTICLES = Integer.getInteger("dyad.faults.articles", 1000);
    /** One delivery in five is refused (503) on its first attempt; alert-service retries it ≈5 s later. */
    static final Receiver.Behaviour FAIL_ONE_FIRST_ATTEMPT_IN_FIVE = (path, key, attempt) ->
            attempt == 1 && Math.floorMod(key.hashCode(), 5) == 0 ? new Receiver.Answer(503, null) : Receiver.Answer.OK;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // test-support's jar in ~/.m2 is re-installed by other builds on this machine: a class loaded late from a jar
        // rewritten meanwhile fails with "Truncated class file", so load what we use now
        for (Class<?> used : new Class<?>[] {EmbeddedKafka.class, LocalPostgres.class, FreePorts.class,
            io.dyad.testsupport.ContractValidator.class}) {
            try {
                Class.forName(used.getName(), true, FaultSystem.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final BrokerProcess kafka;
    final DedicatedPostgres pg = new DedicatedPostgres(false);
    final Receiver receiver = new Receiver();
    private final Path root = Path.of(System.getProperty("dyad.root", "..")).toAbsolutePath().normalize();
    private final Path logs;
    private final Path work;
    private final List<ServiceProcess> instances = new ArrayList<>();
    private final Map<String, Integer> instanceCounts = new HashMap<>();
    private final Map<String, Map<String, String>> extraEnv = new HashMap<>();
    private KafkaProducer<String, String> producer;

    FaultSystem(String name, int partitions) {
        this.logs = root.resolve("system-tests/target/system-logs/faults/" + name);
        this.work = root.resolve("system-tests/target/faults/" + name + "-" + run);
        this.kafka = new BrokerProcess(work.resolve("kafka-data"), logs.resolve("kafka.log"), partitions);
    }

    /** Starts broker, database, receiver; the services are started by the test with {@link #startInstance}. */
    FaultSystem startInfrastructure() {
        kafka.start(START_TIMEOUT);
        pg.start();
        pg.createDatabase("faults_alert");
        pg.createDatabase("faults_ingest");
        receiver.start();
        return this;
    }

    /**
     * A system with one instance each of classify-service, alert-service and {@code moreServices} running, whose
     * receiver refuses the first attempt of one delivery in five (so retries are pending when a fault comes).
     */
    static FaultSystem startWithRetriesPending(String name, String... moreServices) {
        FaultSystem system = new FaultSystem(name, 6).startInfrastructure();
        system.startInstance(CLASSIFY);
        system.startInstance(ALERT);
        for (String service : moreServices) {
            system.startInstance(service);
        }
        system.receiver.behave(FAIL_ONE_FIRST_ATTEMPT_IN_FIVE);
        return system;
    }

    /** Starts one more instance of {@code service} (its own port and log file) and waits until it is ready. */
    ServiceProcess startInstance(String service) {
        return newInstance(service).start(START_TIMEOUT);
    }

    /** Adds environment variables to the instances of {@code service} started from now on. */
    FaultSystem withEnv(String service, Map<String, String> env) {
        extraEnv.computeIfAbsent(service, s -> new HashMap<>()).putAll(env);
        return this;
    }

    /** One more instance of {@code service}, not started yet. */
    ServiceProcess newInstance(String service) {
        int n = instanceCounts.merge(service, 1, Integer::sum);
        ServiceProcess process = new ServiceProcess(service, service + "-" + n, root, FreePorts.next(), env(service), logs);
        instances.add(process);
        return process;
    }

    private Map<String, String> env(String service) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "DYAD_ADMIN_API_KEY", ADMIN_KEY, "DYAD_EGRESS_ALLOW_PRIVATE", "true",
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER, "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                // a killed consumer's partitions go to the others after 10 s instead of the default 45 s
                "KAFKA_SESSION_TIMEOUT_MS", "10000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000"));
        if (ALERT.equals(service)) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("faults_alert"));
            // rows claimed by a killed instance are sent by another after 30 s instead of 60 s; the lease stays
            // well above the default 15 s send deadline, so a live sender is never overtaken. (A 5 s deadline made a
            // slow second attempt on a loaded machine wait for the schedule's 5 min step.)
            env.put("DYAD_ALERT_DELIVERY_LEASE", "30s");
            // the schedule's first steps as in production, the later ones in seconds: a row whose first send was
            // lost in a kill and whose next one is refused would otherwise wait the 5 min step past the test's end
            env.put("DYAD_ALERT_DELIVERY_RETRY_SCHEDULE", "0s,5s,10s,15s,20s,30s,30s,30s");
            env.put("DYAD_ALERT_INDEX_REFRESH_INTERVAL", "1s");
        } else if (INGEST.equals(service)) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("faults_ingest"));
            env.put("DYAD_INGEST_POLL_CHECK_INTERVAL", "1s");
            env.put("DYAD_INGEST_POLL_LEASE", "PT15S");
            env.put("DYAD_INGEST_FETCH_PER_HOST_DELAY", "PT0S");
        }
        env.putAll(extraEnv.getOrDefault(service, Map.of()));
        return env;
    }

    /** A webhook subscription to {@code pair}, posting to its own receiver path. */
    Subscription webhook(String name, String pair) {
        return subscribe(name, pair, "webhook", "/hooks/" + name);
    }

    /** A Slack subscription to {@code pair}: the receiver plays Slack's incoming webhook. */
    Subscription slack(String name, String pair) {
        return subscribe(name, pair, "slack", "/slack/" + name);
    }

    private Subscription subscribe(String name, String pair, String type, String path) {
        ServiceProcess alert = live(ALERT);
        String id = api(alert).contentType(ContentType.JSON).body("""
                {"name":"%s","filter":{"pairs":["%s"],"countries":[],"issues":[]},
                 "channel":{"type":"%s","url":"%s"}}""".formatted(name, pair, type, receiver.url(path)))
                .when().post("/subscriptions").then().statusCode(201).extract().path("id").toString();
        return new Subscription(id, pair, path);
    }

    /** Two webhook subscriptions to MX-US, {@code <name>-a} and {@code <name>-b}. */
    List<Subscription> twoUsMexicoWebhooks(String name) {
        return List.of(webhook(name + "-a", "MX-US"), webhook(name + "-b", "MX-US"));
    }

    /** {@link #ARTICLES} US–Mexico articles of this run, tagged {@code tag} (a story each). */
    List<RawArticle> usMexicoArticles(String tag) {
        return Articles.usMexicoBatch(run + "-" + tag, ARTICLES);
    }

    /** The receiver's calls to the subscriptions' paths, with the answers they got. */
    List<Receiver.Call> callsTo(List<Subscription> subscriptions) {
        Set<String> paths = new HashSet<>();
        subscriptions.forEach(s -> paths.add(s.path()));
        return webhookCalls(paths);
    }

    /** Calls to the subscriptions' paths that the receiver answered 2xx. */
    long successes(List<Subscription> subscriptions) {
        return callsTo(subscriptions).stream().filter(Receiver.Call::success).count();
    }

    /** The first live instance of {@code service}. */
    ServiceProcess live(String service) {
        return instances.stream().filter(p -> p.name().equals(service) && p.isAlive()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live " + service));
    }

    /** Deletes a test's subscriptions, so the next test counts its own only, and empties the list. */
    void unsubscribe(List<Subscription> subscriptions) {
        for (Subscription s : subscriptions) {
            api(live(ALERT)).when().delete("/subscriptions/" + s.id()).then().statusCode(204);
        }
        subscriptions.clear();
    }

    static RequestSpecification api(ServiceProcess service) {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).baseUri(service.baseUrl());
    }

    /** Publishes the articles to {@code dyad.articles.raw} (key = articleId) and waits for the broker's acks. */
    void publish(List<RawArticle> articles) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (RawArticle article : articles) {
            acks.add(producer().send(new ProducerRecord<>(Topics.ARTICLES_RAW, article.articleId(), Articles.json(article))));
        }
        awaitAll(acks);
    }

    /** Publishes one record as is (poison records, hand-made tagged articles). */
    void send(String topic, String key, String value) {
        awaitAll(List.of(producer().send(new ProducerRecord<>(topic, key, value))));
    }

    private static void awaitAll(List<java.util.concurrent.Future<?>> acks) {
        for (var ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the broker refused a record", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2000000");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** True when classify-service has committed everything on the raw topic and alert-service on the tagged topic. */
    boolean caughtUp() {
        try {
            return EmbeddedKafka.groupLag(kafka.bootstrapServers(), "classify-service", Topics.ARTICLES_RAW) == 0
                    && EmbeddedKafka.groupLag(kafka.bootstrapServers(), "alert-service", Topics.ARTICLES_TAGGED) == 0;
        } catch (RuntimeException e) {
            return false; // broker restarting
        }
    }

    /** Every record of {@code topic}, from the beginning to the current end. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "4000000");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /** The tagged record of {@code articleId}, once classify-service has published it. */
    String awaitTagged(String articleId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var found = readAll(Topics.ARTICLES_TAGGED).stream().filter(r -> articleId.equals(r.key())).findFirst();
            if (found.isPresent()) {
                return found.get().value();
            }
            sleep(500);
        }
        throw new AssertionError("article " + articleId + " was not tagged within " + timeout);
    }

    /**
     * storyId → the pairs its tagged articles carry, from the tagged topic as it is now. Records that are not
     * TaggedArticle v1 (the poison a test put there) are skipped, as alert-service skips them.
     */
    Map<String, Set<String>> taggedPairsByStory() {
        Map<String, Set<String>> pairs = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll(Topics.ARTICLES_TAGGED)) {
            JsonNode tagged;
            try {
                tagged = JSON.readTree(record.value());
            } catch (IOException e) {
                continue;
            }
            if (!tagged.isObject() || tagged.path("schemaVersion").asInt() != 1 || !tagged.hasNonNull("storyId")) {
                continue;
            }
            Set<String> of = pairs.computeIfAbsent(tagged.path("storyId").asText(), s -> new HashSet<>());
            tagged.path("pairs").forEach(p -> of.add(p.path("pair").asText()));
        }
        return pairs;
    }

    /** "subscriptionId|storyId" for every tagged story of {@code stories} that carries a subscription's pair. */
    Set<String> expected(List<Subscription> subscriptions, Predicate<String> stories) {
        Set<String> expected = new HashSet<>();
        taggedPairsByStory().forEach((story, pairs) -> subscriptions.stream()
                .filter(s -> stories.test(story) && pairs.contains(s.pair()))
                .forEach(s -> expected.add(s.id() + "|" + story)));
        return expected;
    }

    /**
     * Waits until the pipeline has caught up and every expected alert of {@code subscriptions} has been answered 2xx,
     * then a quiet period in which any extra (wrong) send would still arrive, and counts.
     */
    Tally awaitDelivered(List<Subscription> subscriptions, Duration timeout) {
        return awaitDelivered(subscriptions, story -> true, timeout);
    }

    /** As above, for the stories a test published itself ({@code stories}), when earlier tests left others. */
    Tally awaitDelivered(List<Subscription> subscriptions, Predicate<String> stories, Duration timeout) {
        Set<String> paths = new HashSet<>();
        subscriptions.forEach(s -> paths.add(s.path()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (caughtUp()) {
                Tally tally = Tally.of(expected(subscriptions, stories), webhookCalls(paths));
                if (tally.missing().isEmpty()) {
                    break;
                }
            }
            sleep(1000);
        }
        sleep(3000);
        Tally tally = Tally.of(expected(subscriptions, stories), webhookCalls(paths));
        if (!tally.missing().isEmpty()) {
            subscriptions.forEach(this::printUnsent);
        }
        return tally;
    }

    /** Why alerts are missing, read before the system is torn down: the outbox rows not yet SENT. */
    private void printUnsent(Subscription subscription) {
        for (String status : List.of("PENDING", "FAILED")) {
            try {
                String body = api(live(ALERT)).queryParam("status", status).queryParam("limit", 5).when()
                        .get("/subscriptions/" + subscription.id() + "/deliveries").then().extract().asString();
                System.out.println("[faults] " + subscription.path() + " " + status + " deliveries (first 5): " + body);
            } catch (RuntimeException e) {
                System.out.println("[faults] cannot list " + status + " deliveries: " + e);
            }
        }
    }

    private List<Receiver.Call> webhookCalls(Set<String> paths) {
        return receiver.calls().stream().filter(c -> paths.contains(c.path())).toList();
    }

    /** Waits for {@code condition}; fails the test with {@code what} when it does not hold within {@code timeout}. */
    static void awaitOrFail(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + ": " + what);
            }
            sleep(200);
        }
    }

    /** The {@code [faults]} line of a fault's count, for the README's table. */
    static void report(String fault, Tally tally, long startedNanos) {
        System.out.printf("[faults] %s: %s; %.1f s from first publish to the last alert counted%n", fault, tally,
                (System.nanoTime() - startedNanos) / 1e9);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        instances.forEach(ServiceProcess::stop);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        receiver.close();
        kafka.close();
        pg.close();
        DirectoryTrees.deleteTree(work);
    }
}
