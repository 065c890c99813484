package io.dyad.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.systemtests.BrokerProcess;
import io.dyad.systemtests.DedicatedPostgres;
import io.dyad.systemtests.DirectoryTrees;
import io.dyad.systemtests.ServiceProcess;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The load benchmark ({@code mvn -pl system-tests -Pbench verify}): a broker in its own JVM, a PostgreSQL cluster of
 * its own, the three packaged services as processes, a generator publishing synthetic articles to
 * {@code dyad.articles.raw} and a local webhook receiver. Phases: Kafka baseline; as fast as possible with the small
 * subscription set; a fixed rate with the large set; feed polling. It reports; it asserts only that the harness saw
 * the pipeline work (never a timing). Output: target/bench/report.md, report.json and PNG charts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBench {

    static final String MAX_RATE = "max-rate";
    static final String FIXED_RATE = "fixed-rate";
    static final String WARM_UP = "warm-up";
    private static final String ADMIN_KEY = "dyad_admin_" + UUID.randomUUID().toString().replace("-", "");
    private static final int HOOK_PATHS = 16;

    private final BenchConfig config = BenchConfig.fromSystemProperties();
    private final Map<String, Double> startSeconds = new LinkedHashMap<>();
    private final Map<String, Double> idleMemoryMb = new LinkedHashMap<>();
    private final List<PhaseResult> phases = new ArrayList<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();
    private Path out;
    private Path logs;
    private DedicatedPostgres pg;
    private BrokerProcess broker;
    private KafkaOffsets offsets;
    private WebhookReceiver receiver;
    private TaggedObserver observer;
    private RawPublisher publisher;
    private Sampler sampler;
    private ArticleGenerator generator;
    private Subscriptions subscriptions;
    private ServiceProcess ingest;
    private ServiceProcess classify;
    private ServiceProcess alert;
    private KafkaBaseline.Result baseline;
    private FeedBench.Result feeds;
    private String loadBefore;

    @BeforeAll
    void startSystem() throws Exception {
        Path root = Path.of(System.getProperty("dyad.root", "..")).toAbsolutePath().normalize();
        out = root.resolve("system-tests/target/bench");
        logs = out.resolve("logs");
        DirectoryTrees.deleteTree(logs); // the services append to their logs: one run's logs only
        Files.createDirectories(logs);
        loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        String run = UUID.randomUUID().toString().substring(0, 8);
        generator = new ArticleGenerator(config.seed(), run);
        subscriptions = new Subscriptions(config.seed() + 1, config.hotShare());
        receiver = new WebhookReceiver();

        broker = new BrokerProcess(Files.createTempDirectory("dyad-bench-kafka-"), logs.resolve("kafka.log"),
                config.partitions(), List.of("-Xmx1g"), config.kafkaFlushEveryMessage()).start(Duration.ofSeconds(90));
        offsets = new KafkaOffsets(broker.bootstrapServers());

        // a cluster of our own (durable settings: fsync and synchronous commit on) so its CPU and memory are ours
        pg = new DedicatedPostgres(true).start();
        pg.createDatabase("bench_alert");
        pg.createDatabase("bench_ingest");
        long postmaster = pg.postmasterPid();
        sampler = new Sampler(offsets, config.partitions(), () -> count("bench_alert", "articles"), receiver::count,
                this::pendingDeliveries);
        sampler.watch(ProcessStats.jvm("kafka", broker.pid()));
        sampler.watch(ProcessStats.tree("postgresql", postmaster));

        Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "DYAD_ADMIN_API_KEY", ADMIN_KEY, "DYAD_EGRESS_ALLOW_PRIVATE", "true",
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER, "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        classify = new ServiceProcess("classify-service", root, FreePorts.next(), common, logs, config.jvmOptions());
        alert = new ServiceProcess("alert-service", root, FreePorts.next(), with(common,
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("bench_alert")), logs, config.jvmOptions());
        ingest = new ServiceProcess("ingest-service", root, FreePorts.next(), with(common,
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("bench_ingest"),
                // the feed phase: look for due sources every second, many fetches in parallel (per-host limit kept)
                "DYAD_INGEST_POLL_CHECK_INTERVAL", "1s", "DYAD_INGEST_POLL_BATCH_SIZE", "100",
                "DYAD_INGEST_FETCH_CONCURRENCY", "32", "DYAD_INGEST_FETCH_TIMEOUT", "PT20S"), logs,
                config.jvmOptions());
        // one at a time, so each start time is the service's own and not a share of a crowded machine
        for (ServiceProcess service : List.of(classify, alert, ingest)) {
            long t0 = System.nanoTime();
            service.start();
            startSeconds.put(service.name(), (System.nanoTime() - t0) / 1e9);
            sampler.watch(ProcessStats.jvm(service.name(), service.pid()));
        }
        Thread.sleep(10_000); // settle: idle means started and quiet for a while
        for (ServiceProcess service : List.of(classify, alert, ingest)) {
            idleMemoryMb.put(service.name(), ProcessStats.jvm(service.name(), service.pid()).read().memoryMb());
        }
        sampler.start();
        observer = new TaggedObserver(broker.bootstrapServers());
        publisher = new RawPublisher(broker.bootstrapServers());
    }

    @Test
    @Order(1)
    void kafkaBaseline() {
        sampler.phase("kafka-baseline");
        baseline = KafkaBaseline.measure(broker.bootstrapServers(), offsets, config.partitions(),
                config.baselineRecords(), new ArticleGenerator(config.seed() + 7, "baseline"));
        System.out.printf("[bench] Kafka baseline: %s%n", baseline);
        assertThat(baseline.producerRecordsPerSecond()).isPositive();
    }

    @Test
    @Order(2)
    void maxRateWithSmallSubscriptionSet() throws Exception {
        loadSubscriptions(config.smallSubscriptions());
        // not reported: lets the JIT compile the hot paths of every service first, as in a service that has run a while
        PhaseResult warmUp = runPhase(WARM_UP, config.warmUpArticles(), 0);
        phases.remove(warmUp);
        notes.put("warm_up", warmUp.articles() + " articles first, not in the figures (stored at "
                + Math.round(warmUp.storedPerSecond()) + "/s while cold)");
        PhaseResult result = runPhase(MAX_RATE, config.maxRateArticles(), 0);
        assertThat(result.received()).as("alerts reached the receiver").isPositive();
    }

    @Test
    @Order(3)
    void fixedRateWithLargeSubscriptionSet() throws Exception {
        loadSubscriptions(config.largeSubscriptions());
        PhaseResult result = runPhase(FIXED_RATE, config.fixedRate() * config.fixedRateSeconds(), config.fixedRate());
        assertThat(result.received()).as("alerts reached the receiver").isPositive();
    }

    @Test
    @Order(4)
    void feedPolling() throws Exception {
        // the article pipeline is done: classify and alert stop so the feed phase has the machine to itself
        classify.stop();
        alert.stop();
        sampler.phase("feeds");
        try (FeedBench bench = new FeedBench(config, logs)) {
            feeds = bench.run(ingest.baseUrl(), ADMIN_KEY, pg.jdbcUrl("bench_ingest"));
        }
        System.out.printf("[bench] feeds: %s%n", feeds);
        assertThat(feeds.polls()).isPositive();
    }

    /** Brings the subscription count to {@code target}: the first ones through the API, the rest in bulk. */
    private void loadSubscriptions(int target) throws Exception {
        sampler.phase("loading-subscriptions");
        int missing = target - subscriptions.size();
        if (missing <= 0) {
            return;
        }
        int viaApi = subscriptions.size() == 0
                ? Math.max(Subscriptions.KINDS.size(), Math.min(config.apiSubscriptions(), missing)) : 0;
        if (viaApi > 0) {
            double[] rate = new double[1];
            subscriptions.add(Subscriptions.createThroughApi(alert.baseUrl(), ADMIN_KEY,
                    subscriptions.generateEveryKindThen(viaApi - Subscriptions.KINDS.size()),
                    n -> receiver.url(n % HOOK_PATHS), config.apiClients(), rate));
            notes.put("api_subscriptions_per_s", rate[0]);
        }
        List<Subscriptions.Filter> bulk = subscriptions.generate(Math.max(0, missing - viaApi));
        double rows = Subscriptions.bulkInsert(pg.jdbcUrl("bench_alert"), LocalPostgres.USER, LocalPostgres.PASSWORD,
                bulk, n -> receiver.url(n % HOOK_PATHS));
        subscriptions.add(bulk);
        notes.put("bulk_rows_per_s_" + target, rows);
        long t0 = System.nanoTime();
        awaitIndexed(target);
        notes.put("index_pickup_seconds_" + target, (System.nanoTime() - t0) / 1e9);
        Map<String, Long> kinds = new java.util.TreeMap<>();
        subscriptions.all().forEach(f -> kinds.merge(f.kind(), 1L, Long::sum));
        notes.put("subscription_kinds_" + target, kinds);
    }

    /** Waits until alert-service's index holds {@code count} subscriptions (its Prometheus gauge says so). */
    private void awaitIndexed(int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(alert.baseUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("dyad_alert_index_subscriptions")
                        && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= count) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("alert-service's index did not reach " + count + " subscriptions");
    }

    private PhaseResult runPhase(String phase, int articles, int rate) throws Exception {
        sampler.phase(phase);
        Sampler.Sample first = sampler.sample();
        double start = first.t();
        double publishRate = publisher.publish(generator, articles, rate, phase);
        boolean completed = drain(first, articles);
        Sampler.Sample last = sampler.sample();
        Map<String, Long> stored = storedAtMillis();
        Map<String, String> outbox = deliveryStatus(); // before the receipts: see PhaseResult.Inputs
        PhaseResult result = PhaseResult.of(new PhaseResult.Inputs(phase, subscriptions.size(), articles, rate,
                publishRate, start, last.t(), completed, sampler.samples(phase), publisher.all(),
                receiver.receipts(), observer, subscriptions, outbox, stored));
        phases.add(result);
        System.out.printf("[bench] %s%n", result);
        return result;
    }

    /**
     * Waits until every stage has the phase's articles and alerts stop arriving (none for 10 s after alert-service
     * committed everything), or until drain.seconds have passed since the publishing ended.
     */
    private boolean drain(Sampler.Sample first, int articles) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(config.drainSeconds()).toNanos();
        long lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Sampler.Sample s = sampler.sample();
            boolean stored = s.stored() - first.stored() >= articles && s.classifyLag() == 0;
            if (receiver.count() != lastCount) {
                lastCount = receiver.count();
                quietSince = System.nanoTime();
            }
            if (stored && pendingDeliveries() == 0 && System.nanoTime() - quietSince > 3_000_000_000L) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** Deliveries alert-service has queued and not yet sent (read from its database). */
    private long pendingDeliveries() {
        return count("bench_alert", "deliveries WHERE status = 'PENDING'");
    }

    /** alert-service's outbox: "subscription/article" → PENDING, SENT or FAILED. */
    private Map<String, String> deliveryStatus() throws SQLException {
        Map<String, String> status = new HashMap<>();
        eachRow("bench_alert", "SELECT subscription_id, article_id, status FROM deliveries",
                rs -> status.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3)));
        return status;
    }

    /**
     * Articles alert-service has stored (and matched, in the same transaction), with {@code received_at}: the start
     * of that transaction by the database's clock, on this same machine.
     */
    private Map<String, Long> storedAtMillis() throws SQLException {
        Map<String, Long> stored = new HashMap<>();
        eachRow("bench_alert", "SELECT article_id, received_at FROM articles",
                rs -> stored.put(rs.getString(1), rs.getTimestamp(2).getTime()));
        return stored;
    }

    /** One row of a query's answer. */
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void eachRow(String database, String sql, RowReader reader) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), LocalPostgres.USER,
                LocalPostgres.PASSWORD); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    private long count(String database, String from) {
        long[] n = {-1};
        try {
            eachRow(database, "SELECT count(*) FROM " + from, rs -> n[0] = rs.getLong(1));
        } catch (SQLException e) {
            // the sampler keeps going while the database is busy or stopping: -1 = not known
        }
        return n[0];
    }

    @AfterAll
    void stopSystemAndReport() throws Exception {
        try {
            if (sampler != null) {
                sampler.close();
                String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
                new Report(config, out).write(new Report.Run(loadBefore, loadAfter, startSeconds, idleMemoryMb,
                        baseline, phases, feeds, sampler.samples(), notes));
                System.out.printf("[bench] report written to %s%n", out.resolve("report.md"));
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {publisher, observer, ingest, classify, alert, receiver,
                offsets, broker, pg}) {
                closeQuietly(c);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> result = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            result.put(keyValues[i], keyValues[i + 1]);
        }
        return result;
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
}
