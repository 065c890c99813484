package io.dyad.classify.bench.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.ClassifierSettings;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.EmbeddedKafka;
import io.dyad.testsupport.FreePorts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * CPU per article of the packaged classify-service's Kafka path, outside the classifier. Starts the in-process broker
 * of test-support (12 partitions per topic, Kafka's own flush settings), publishes warm-up RawArticles, starts
 * {@code target/quarkus-app/quarkus-run.jar} as a process with the operators' JVM settings, waits until it has tagged
 * the warm-up, measures its idle CPU, then publishes N more articles at once (a backlog) and, optionally, at a fixed
 * rate, and reads the process's CPU (/proc, per thread kind) until every article of the phase is on
 * dyad.articles.tagged. At the end it times the classifier alone on the same articles (thread CPU, warmed up) in this
 * JVM, which is what the service's CPU per article is compared against. It measures, it asserts nothing.
 *
 * <p>Run by {@code classify-service/bench/run-consume-path.sh}; settings as system properties (see there).
 */
public final class ConsumePathBench {

    private static final List<String> OPERATOR_JVM_OPTIONS = List.of("-XX:SharedArchiveFile=app-cds.jsa", "-Xms32m",
            "-Xmx512m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    private final int warmup = Integer.getInteger("dyad.bench.warmup", 4000);
    private final int articles = Integer.getInteger("dyad.bench.articles", 12000);
    private final int rate = Integer.getInteger("dyad.bench.rate", 150);
    private final int rateSeconds = Integer.getInteger("dyad.bench.rateSeconds", 30);
    private final int idleSeconds = Integer.getInteger("dyad.bench.idleSeconds", 10);
    private final String jfr = System.getProperty("dyad.bench.jfr", "");
    private final Path app = Path.of(System.getProperty("dyad.bench.app", "classify-service/target/quarkus-app"))
            .toAbsolutePath();
    private final Path out = Path.of(System.getProperty("dyad.bench.out", "classify-service/target/bench"))
            .toAbsolutePath();
    private final List<String> jvmOptions = System.getProperty("dyad.bench.jvmOptions") == null ? OPERATOR_JVM_OPTIONS
            : List.of(System.getProperty("dyad.bench.jvmOptions").trim().split("\\s+"));
    private final String label = System.getProperty("dyad.bench.label", "run");

    private final StringBuilder report = new StringBuilder();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final RawArticleStream stream = new RawArticleStream(42, Long.toString(System.nanoTime(), 36));
    private final List<RawArticleStream.Record> published = new ArrayList<>();
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();
    private final AtomicLong taggedRecords = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile boolean listening = true;
    private int done; // articles published and tagged before the current phase

    public static void main(String[] args) throws Exception {
        new ConsumePathBench().run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        line("# classify-service consume path (%s), %s", label, java.time.Instant.now());
        line("load average at start: %s; JVM options: %s", ProcessCpu.loadAverage(), String.join(" ", jvmOptions));
        Path kafkaDir = Files.createTempDirectory("dyad-bench-kafka-");
        try (EmbeddedKafka broker = EmbeddedKafka.start(kafkaDir, FreePorts.next(), FreePorts.next(), 12, true,
                Map.of("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE)))) {
            broker.createTopics(12, Topics.ARTICLES_RAW, Topics.ARTICLES_TAGGED,
                    Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX);
            Thread listener = listen(broker.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
                publish(producer, warmup, 0);
                Process service = start(broker.bootstrapServers());
                try {
                    measure(producer, service);
                    committed(broker.bootstrapServers());
                } finally {
                    service.destroy();
                    if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        service.destroyForcibly().waitFor();
                    }
                }
            } finally {
                listening = false;
                listener.join(10_000);
            }
        }
        classifierAlone();
        line("load average at end: %s", ProcessCpu.loadAverage());
        Files.writeString(out.resolve("consume-path-" + label + ".md"), report);
        Files.writeString(out.resolve("consume-path-" + label + ".json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    private void measure(KafkaProducer<String, byte[]> producer, Process service) throws Exception {
        long pid = service.pid();
        awaitTagged(warmup, Duration.ofMinutes(10));
        done = warmup;
        line("warm-up: %,d articles tagged; process CPU so far %.2f s", warmup, ProcessCpu.total(pid));

        Map<String, Double> idle0 = ProcessCpu.byThreadKind(pid);
        double idleCpu0 = ProcessCpu.total(pid);
        Thread.sleep(idleSeconds * 1000L);
        double idleCpu = ProcessCpu.total(pid) - idleCpu0;
        line("idle %d s: %.0f ms of CPU per second; by thread: %s", idleSeconds, 1000 * idleCpu / idleSeconds,
                format(ProcessCpu.delta(idle0, ProcessCpu.byThreadKind(pid)), 1.0 / idleSeconds * 1000, "ms/s"));
        json.put("idle_cpu_ms_per_s", round(1000 * idleCpu / idleSeconds));

        if (!jfr.isEmpty()) {
            jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + Path.of(jfr).toAbsolutePath());
        }
        phase("backlog", pid, () -> publish(producer, articles, 0));
        if (!jfr.isEmpty()) {
            jcmd(pid, "JFR.stop", "name=bench");
        }
        if (rate > 0) {
            phase("fixed rate " + rate + "/s", pid, () -> publish(producer, rate * rateSeconds, rate));
        }
        line("dead letters: %d; tagged records %,d for %,d articles published", deadLetters.get(), taggedRecords.get(),
                published.size());
        json.put("dead_letters", deadLetters.get());
        json.put("tagged_records", taggedRecords.get());
        json.put("published", published.size());
    }

    /**
     * Tagged is not yet committed: a consumer that tags but never acknowledges its batches (session 5's stall) would
     * pass the phases above. The group's committed lag must return to 0.
     */
    private void committed(String bootstrap) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long lag = EmbeddedKafka.groupLag(bootstrap, "classify-service", Topics.ARTICLES_RAW);
        while (lag != 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            lag = EmbeddedKafka.groupLag(bootstrap, "classify-service", Topics.ARTICLES_RAW);
        }
        line("committed lag of group classify-service after the phases: %d", lag);
        json.put("committed_lag", lag);
    }

    private interface Publishing {
        int publish() throws Exception;
    }

    private void phase(String name, long pid, Publishing publishing) throws Exception {
        String load0 = ProcessCpu.loadAverage();
        Map<String, Double> threads0 = ProcessCpu.byThreadKind(pid);
        double cpu0 = ProcessCpu.total(pid);
        long wall0 = System.nanoTime();
        int expected = published.size() + publishing.publish();
        awaitTagged(expected, Duration.ofMinutes(15));
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = ProcessCpu.total(pid) - cpu0;
        int n = expected - done;
        done = expected;
        Map<String, Double> threads = ProcessCpu.delta(threads0, ProcessCpu.byThreadKind(pid));
        line("%s: %,d articles in %.1f s (%.0f/s), process CPU %.2f s = %.3f ms per article (%.2f cores); load %s → %s",
                name, n, wall, n / wall, cpu, 1000 * cpu / n, cpu / wall, load0, ProcessCpu.loadAverage());
        line("  by thread (ms per article): %s", format(threads, 1000.0 / n, "ms"));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("articles", n);
        figures.put("wall_s", round(wall));
        figures.put("articles_per_s", round(n / wall));
        figures.put("cpu_ms_per_article", round(1000 * cpu / n));
        figures.put("load", load0 + " -> " + ProcessCpu.loadAverage());
        figures.put("by_thread_ms_per_article", threads.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> round(1000 * e.getValue() / n), (a, b) -> a, java.util.TreeMap::new)));
        json.put(name, figures);
    }

    /** The classifier's own CPU per article on (up to 3,000 of) the published articles, warmed up, one thread. */
    private void classifierAlone() throws IOException {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<RawArticle> sample = new ArrayList<>();
        for (RawArticleStream.Record r : published.subList(0, Math.min(3000, published.size()))) {
            sample.add(mapper.readValue(r.value(), RawArticle.class));
        }
        ArticleClassifier classifier = ArticleClassifier.load(ClassifierSettings.defaults());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 4; round++) {
            for (RawArticle a : sample) {
                sink += classifier.classify(a.title(), a.summary(), a.text(), a.language()).countries().size();
            }
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            for (RawArticle a : sample) {
                sink += classifier.classify(a.title(), a.summary(), a.text(), a.language()).issues().size();
            }
        }
        double msPerArticle = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / (rounds * sample.size());
        double bytes = published.stream().mapToInt(r -> r.value().length).average().orElse(0);
        line("classifier alone (this JVM, one thread, warmed up): %.3f ms of CPU per article over %,d articles "
                + "(record value %.0f bytes on average) (sink %d)", msPerArticle, rounds * sample.size(), bytes, sink);
        json.put("classifier_alone_cpu_ms_per_article", round(msPerArticle));
        json.put("record_bytes_avg", Math.round(bytes));
    }

    /**
     * Publishes {@code count} new articles and makes sure the broker has every one: a send that failed is sent again.
     * Without this check a run waited for ever for an article whose send had failed unnoticed (session 6: 1,999 of
     * 2,000 warm-up records on the topic, every one of them tagged and committed, the service idle).
     */
    private int publish(KafkaProducer<String, byte[]> producer, int count, int perSecond) throws Exception {
        long start = System.nanoTime();
        List<RawArticleStream.Record> records = new ArrayList<>(count);
        List<Future<RecordMetadata>> sends = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RawArticleStream.Record record = stream.next();
            published.add(record);
            records.add(record);
            sends.add(producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, record.key(), record.value())));
            if (perSecond > 0) {
                long due = start + (long) (i + 1) * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        producer.flush();
        int resent = 0;
        for (int i = 0; i < count; i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                resent++;
                System.out.println("publish: send of " + records.get(i).key() + " failed (" + e.getCause()
                        + "); sending it again");
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, records.get(i).key(), records.get(i).value()))
                        .get();
            }
        }
        if (resent > 0) {
            line("publish: %d of %,d sends failed and were sent again", resent, count);
        }
        return count;
    }

    private Process start(String bootstrap) throws Exception {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(out.resolve("consume-path-" + label + "-service.log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("classify-service exited: see " + out);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        double readySeconds = (System.nanoTime() - started) / 1e9;
        double cpu = ProcessCpu.total(process.pid());
        line("start: ready in %.2f s, %.2f s of CPU at ready (load %s)", readySeconds, cpu, ProcessCpu.loadAverage());
        json.put("ready_s", round(readySeconds));
        json.put("cpu_at_ready_s", round(cpu));
        return process;
    }

    private Thread listen(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                IntStream.range(0, 12).forEach(p -> {
                    partitions.add(new TopicPartition(Topics.ARTICLES_TAGGED, p));
                    partitions.add(new TopicPartition(Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX, p));
                });
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (listening) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.topic().equals(Topics.ARTICLES_TAGGED)) {
                            taggedRecords.incrementAndGet();
                            tagged.add(record.key());
                        } else {
                            deadLetters.incrementAndGet();
                        }
                    }
                }
            }
        }, "tagged-listener");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits until every one of the first {@code count} published articles has come out tagged. */
    private void awaitTagged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> keys = published.subList(0, count).stream().map(RawArticleStream.Record::key).toList();
        int from = 0;
        while (true) {
            while (from < keys.size() && tagged.contains(keys.get(from))) {
                from++;
            }
            if (from == keys.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + from + " of " + count + " articles tagged in " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void jcmd(long pid, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        System.out.println("jcmd " + String.join(" ", args) + ": " + output.trim());
    }

    private static String format(Map<String, Double> seconds, double scale, String unit) {
        return seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue() * scale))
                .collect(Collectors.joining(", ")) + " (" + unit + ")";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append("\n\n");
    }
}
