package io.dyad.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.systemtests.BrokerProcess;
import io.dyad.systemtests.DedicatedPostgres;
import io.dyad.systemtests.DirectoryTrees;
import io.dyad.systemtests.ServiceProcess;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Start-up and idle memory of each packaged service, with the JVM options and environment operators get
 * ({@link ServiceProcess#OPERATOR_JVM_OPTIONS}, {@link ServiceProcess#OPERATOR_ENV}) unless told otherwise:
 * {@code mvn -o -pl system-tests -Pbench verify -Dit.test=StartupBench}. One broker and one PostgreSQL for the run;
 * each round starts classify, alert and ingest one after another (so each start is alone on the machine as far as
 * our own processes go), waits {@code idleSeconds}, reads their memory, and stops them. The first round migrates the
 * empty databases (a first deployment); later rounds validate them (a restart). Reports median and max to
 * {@code target/bench/startup[-label].md|json}; it measures, it asserts nothing about timings.
 *
 * <p>Properties ({@code -Ddyad.startup.*}): {@code rounds} (3), {@code idleSeconds} (30), {@code jvmOptions}
 * (space-separated), {@code env} ({@code K=V,K=V}, added to the operator environment; {@code K=} unsets K),
 * {@code services} (comma-separated), {@code label} (names the report files), and to compare two settings A/B in the
 * same run (each round starts each service with both, back to back, alternating which goes first, so that the
 * machine's load weighs on both alike): {@code compare.jvmOptions}, {@code compare.env} (the "[B]" rows).
 */
class StartupBench {

    private static final List<String> ALL = List.of("classify-service", "alert-service", "ingest-service");
    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in ([0-9.]+)s");

    /** One start of one service: wall and CPU seconds to ready, memory at ready and after the idle wait. */
    record Start(String service, int round, double readySeconds, double cpuSecondsAtReady, double quarkusSeconds,
            double rssReadyMb, double rssIdleMb, double idleCpuSeconds, String loadAtStart) {
    }

    /** One set of settings: a suffix for the reports ("" or " [B]"), JVM options and environment. */
    record Variant(String suffix, List<String> jvmOptions, Map<String, String> env) {
    }

    @Test
    void startEachServiceRepeatedly() throws Exception {
        int rounds = Integer.parseInt(prop("rounds", "3"));
        int idleSeconds = Integer.parseInt(prop("idleSeconds", "30"));
        List<String> jvmOptions = List.of(prop("jvmOptions", String.join(" ", ServiceProcess.OPERATOR_JVM_OPTIONS))
                .trim().split("\\s+"));
        Map<String, String> extraEnv = environment(prop("env", ""));
        List<Variant> variants = new ArrayList<>(List.of(new Variant("", jvmOptions, extraEnv)));
        if (!prop("compare.jvmOptions", "").isEmpty() || !prop("compare.env", "").isEmpty()) {
            // A/B: each round starts every service with both settings back to back (alternating which goes first),
            // so that the machine's load, which inflates CPU time too, weighs on both alike
            variants.add(new Variant(" [B]", List.of(prop("compare.jvmOptions", String.join(" ", jvmOptions)).trim()
                    .split("\\s+")), environment(prop("compare.env", ""))));
        }
        List<String> services = List.of(prop("services", String.join(",", ALL)).split(","));
        List<String> shown = services.stream().flatMap(s -> variants.stream().map(v -> s + v.suffix())).toList();
        String label = prop("label", "");

        Path root = Path.of(System.getProperty("dyad.root", "..")).toAbsolutePath().normalize();
        Path out = root.resolve("system-tests/target/bench");
        Path logs = out.resolve("startup-logs" + (label.isEmpty() ? "" : "-" + label));
        DirectoryTrees.deleteTree(logs);
        Files.createDirectories(logs);
        String loadBefore = loadAverage();
        List<Start> starts = new ArrayList<>();
        Map<String, Map<String, Double>> threadCpu = new LinkedHashMap<>(); // service → thread kind → sum at ready
        Map<String, Map<String, Double>> threadIdleCpu = new LinkedHashMap<>(); // … → sum while idle

        try (BrokerProcess broker = new BrokerProcess(Files.createTempDirectory("dyad-startup-kafka-"),
                logs.resolve("kafka.log"), 12, List.of("-Xmx512m", "-XX:+UseSerialGC"), false)
                .start(Duration.ofSeconds(120));
                DedicatedPostgres pg = new DedicatedPostgres(true).start()) {
            pg.createDatabase("startup_alert");
            pg.createDatabase("startup_ingest");
            Map<String, String> common = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "DYAD_ADMIN_API_KEY", "startup-bench-admin-key-0123456789", "DYAD_EGRESS_ALLOW_PRIVATE", "true",
                    "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                    "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD));
            Map<String, String> database = Map.of("alert-service", pg.jdbcUrl("startup_alert"),
                    "ingest-service", pg.jdbcUrl("startup_ingest"));

            for (int round = 1; round <= rounds; round++) {
                List<ServiceProcess> running = new ArrayList<>();
                List<double[]> atReady = new ArrayList<>();
                List<Map<String, Double>> threadsAtReady = new ArrayList<>();
                List<String> loads = new ArrayList<>();
                List<String> names = new ArrayList<>();
                try {
                    List<Map.Entry<String, Variant>> plan = new ArrayList<>();
                    for (String name : services) {
                        List<Variant> order = new ArrayList<>(variants);
                        if (round % 2 == 0) {
                            Collections.reverse(order);
                        }
                        order.forEach(variant -> plan.add(Map.entry(name, variant)));
                    }
                    for (Map.Entry<String, Variant> item : plan) {
                        String name = item.getKey();
                        Variant variant = item.getValue();
                        Map<String, String> env = new HashMap<>(common);
                        env.putAll(variant.env());
                        if (database.containsKey(name)) {
                            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.get(name));
                        }
                        String shownName = name + variant.suffix();
                        String instance = name + (variant.suffix().isEmpty() ? "" : "-B") + "-r" + round;
                        ServiceProcess service = new ServiceProcess(name, instance, root, FreePorts.next(), env, logs,
                                variant.jvmOptions());
                        names.add(shownName);
                        loads.add(loadAverage());
                        long t0 = System.nanoTime();
                        service.start(Duration.ofSeconds(180));
                        double ready = (System.nanoTime() - t0) / 1e9;
                        running.add(service);
                        ProcessStats.Reading reading = ProcessStats.jvm(name, service.pid()).read();
                        Map<String, Double> threads = ProcessStats.cpuByThreadKind(service.pid());
                        threadsAtReady.add(threads);
                        threads.forEach((kind, cpu) -> threadCpu.computeIfAbsent(shownName, n -> new HashMap<>())
                                .merge(kind, cpu, Double::sum));
                        atReady.add(new double[] {ready, reading.cpuSeconds(), reading.memoryMb()});
                    }
                    Thread.sleep(idleSeconds * 1000L);
                    for (int i = 0; i < running.size(); i++) {
                        ServiceProcess service = running.get(i);
                        ProcessStats.Reading idle = ProcessStats.jvm(service.name(), service.pid()).read();
                        Map<String, Double> before = threadsAtReady.get(i);
                        String shownName = names.get(i);
                        ProcessStats.cpuByThreadKind(service.pid()).forEach((kind, cpu) -> threadIdleCpu
                                .computeIfAbsent(shownName, n -> new HashMap<>())
                                .merge(kind, cpu - before.getOrDefault(kind, 0.0), Double::sum));
                        double[] r = atReady.get(i);
                        Start start = new Start(shownName, round, r[0], r[1], quarkusStartSeconds(service.log()),
                                r[2], idle.memoryMb(), idle.cpuSeconds() - r[1], loads.get(i));
                        starts.add(start);
                        System.out.printf(Locale.ROOT, "[startup] %s%n", start);
                    }
                } finally {
                    running.forEach(ServiceProcess::stop);
                }
            }
        }
        String loadAfter = loadAverage();
        Path md = out.resolve("startup" + (label.isEmpty() ? "" : "-" + label) + ".md");
        Files.writeString(md, markdown(starts, shown, variants, idleSeconds, loadBefore, loadAfter)
                + threads("CPU up to ready", threadCpu, rounds) + threads("CPU while idle", threadIdleCpu, rounds));
        Files.writeString(out.resolve("startup" + (label.isEmpty() ? "" : "-" + label) + ".json"),
                json(starts, shown, variants, idleSeconds, loadBefore, loadAfter));
        System.out.println(Files.readString(md));
        assertThat(starts).hasSize(rounds * shown.size());
    }

    private static String markdown(List<Start> starts, List<String> services, List<Variant> variants,
            int idleSeconds, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("# Start-up and idle memory\n\n");
        md.append("- ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, load average before ").append(loadBefore).append(", after ").append(loadAfter)
                .append('\n');
        for (Variant v : variants) {
            md.append("- JVM options").append(v.suffix()).append(": `").append(String.join(" ", v.jvmOptions()))
                    .append("`; environment: `").append(v.env()).append("`\n");
        }
        md.append("- ready = process start → `/q/health/ready` 200; CPU = utime+stime of the JVM at ready; idle = ")
                .append(idleSeconds).append(" s after the last service of the round was ready\n\n");
        md.append("| service | starts | ready median / max (s) | CPU at ready median / max (s) "
                + "| Quarkus \"started in\" median (s) | RSS at ready median / max (MB) "
                + "| RSS idle median / max (MB) | CPU while idle median (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (String service : services) {
            List<Start> mine = starts.stream().filter(s -> s.service().equals(service)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f / %.2f | %.2f / %.2f | %.2f | %.0f / %.0f "
                    + "| %.0f / %.0f | %.2f |%n", service, mine.size(),
                    median(mine, Start::readySeconds), max(mine, Start::readySeconds),
                    median(mine, Start::cpuSecondsAtReady), max(mine, Start::cpuSecondsAtReady),
                    median(mine, Start::quarkusSeconds),
                    median(mine, Start::rssReadyMb), max(mine, Start::rssReadyMb),
                    median(mine, Start::rssIdleMb), max(mine, Start::rssIdleMb),
                    median(mine, Start::idleCpuSeconds)));
        }
        md.append("\nEvery start (round 1 migrates empty databases):\n\n");
        md.append("| service | round | ready (s) | CPU (s) | Quarkus (s) | RSS ready (MB) | RSS idle (MB) "
                + "| load average at start |\n|---|---|---|---|---|---|---|---|\n");
        for (Start s : starts) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.0f | %.0f | %s |%n",
                    s.service(), s.round(), s.readySeconds(), s.cpuSecondsAtReady(), s.quarkusSeconds(),
                    s.rssReadyMb(), s.rssIdleMb(), s.loadAtStart()));
        }
        return md.toString();
    }

    /** The thread kinds that used the most CPU up to ready, mean per start. */
    private static String threads(String what, Map<String, Map<String, Double>> threadCpu, int rounds) {
        StringBuilder md = new StringBuilder("\n" + what + " by thread kind, mean per start (s), top 8:\n\n");
        md.append("| service | threads |\n|---|---|\n");
        threadCpu.forEach((service, kinds) -> md.append("| ").append(service).append(" | ")
                .append(String.join(", ", kinds.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / rounds))
                        .toList()))
                .append(" |\n"));
        return md.toString();
    }

    private static String json(List<Start> starts, List<String> services, List<Variant> variants,
            int idleSeconds, String loadBefore, String loadAfter) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"jvm_options\": \"").append(String.join(" ", variants.get(0).jvmOptions())).append("\",\n");
        json.append("  \"env\": \"").append(variants.get(0).env()).append("\",\n");
        if (variants.size() > 1) {
            json.append("  \"jvm_options_b\": \"").append(String.join(" ", variants.get(1).jvmOptions()))
                    .append("\",\n");
            json.append("  \"env_b\": \"").append(variants.get(1).env()).append("\",\n");
        }
        json.append("  \"idle_seconds\": ").append(idleSeconds).append(",\n");
        json.append("  \"load_before\": \"").append(loadBefore).append("\",\n");
        json.append("  \"load_after\": \"").append(loadAfter).append("\",\n");
        json.append("  \"services\": {\n");
        List<String> entries = new ArrayList<>();
        for (String service : services) {
            List<Start> mine = starts.stream().filter(s -> s.service().equals(service)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            entries.add(String.format(Locale.ROOT, "    \"%s\": {\"starts\": %d, \"ready_s_median\": %.2f, "
                    + "\"ready_s_max\": %.2f, \"cpu_s_at_ready_median\": %.2f, \"rss_ready_mb_median\": %.0f, "
                    + "\"rss_idle_mb_median\": %.0f, \"rss_idle_mb_max\": %.0f}", service, mine.size(),
                    median(mine, Start::readySeconds), max(mine, Start::readySeconds),
                    median(mine, Start::cpuSecondsAtReady), median(mine, Start::rssReadyMb),
                    median(mine, Start::rssIdleMb), max(mine, Start::rssIdleMb)));
        }
        json.append(String.join(",\n", entries)).append("\n  }\n}\n");
        return json.toString();
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> field) {
        double[] values = starts.stream().mapToDouble(field).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double max(List<Start> starts, java.util.function.ToDoubleFunction<Start> field) {
        return starts.stream().mapToDouble(field).max().orElse(0);
    }

    /** Quarkus's own figure (JVM start → application started, before readiness checks), from the log. */
    private static double quarkusStartSeconds(Path log) {
        try {
            Matcher m = QUARKUS_STARTED.matcher(Files.readString(log));
            double last = -1;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            return last;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The operators' environment plus {@code K=V,K=V} ({@code K=}: unset, see ServiceProcess). */
    private static Map<String, String> environment(String pairs) {
        Map<String, String> env = new LinkedHashMap<>(ServiceProcess.OPERATOR_ENV);
        for (String pair : pairs.split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        return env;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String prop(String name, String fallback) {
        String value = System.getProperty("dyad.startup." + name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
