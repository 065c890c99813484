package io.dyad.systemtests.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes report.json, report.md and the PNG charts of a run. */
final class Report {

    record Run(String loadBefore, String loadAfter, Map<String, Double> startSeconds, Map<String, Double> idleMemoryMb,
            KafkaBaseline.Result baseline, List<PhaseResult> phases, FeedBench.Result feeds,
            List<Sampler.Sample> samples, Map<String, Object> notes) {
    }

    static {
        System.setProperty("java.awt.headless", "true"); // charts are drawn without a display
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final BenchConfig config;
    private final Path dir;

    Report(BenchConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
    }

    void write(Run run) throws IOException {
        Files.createDirectories(dir);
        charts(run);
        Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(json(run)));
        Files.writeString(dir.resolve("report.md"), markdown(run));
    }

    private PhaseResult phase(Run run, String name) {
        return run.phases().stream().filter(p -> p.phase().equals(name)).findFirst().orElse(null);
    }

    private ObjectNode json(Run run) {
        ObjectNode root = JSON.createObjectNode();
        PhaseResult max = phase(run, LoadBench.MAX_RATE);
        PhaseResult fixed = phase(run, LoadBench.FIXED_RATE);
        root.put("throughput_articles_per_s", max == null ? null : round(max.storedPerSecond()));
        ObjectNode latency = root.putObject("latency_ms");
        if (fixed != null) {
            fixed.latencyMs().forEach((k, v) -> latency.put(k, round(v)));
        }
        root.put("lost", run.phases().stream().mapToLong(PhaseResult::lost).sum());
        root.put("duplicates", run.phases().stream().mapToLong(PhaseResult::duplicates).sum());
        root.put("kafka_baseline_records_per_s", run.baseline() == null ? null
                : round(run.baseline().producerRecordsPerSecond()));
        if (max != null && run.baseline() != null) {
            root.put("throughput_share_of_kafka", round4(max.storedPerSecond() / run.baseline().producerRecordsPerSecond()));
        }
        ObjectNode rss = root.putObject("rss_mb");
        run.phases().forEach(p -> p.maxMemoryMb().forEach((k, v) -> {
            if (!rss.has(k) || rss.get(k).asDouble() < v) {
                rss.put(k, round(v));
            }
        }));
        ObjectNode idle = root.putObject("idle_rss_mb");
        run.idleMemoryMb().forEach((k, v) -> idle.put(k, round(v)));
        ObjectNode start = root.putObject("start_seconds");
        run.startSeconds().forEach((k, v) -> start.put(k, round(v)));
        root.set("kafka_baseline", JSON.valueToTree(run.baseline()));
        root.set("phases", JSON.valueToTree(run.phases().stream().map(this::phaseJson).toList()));
        if (run.feeds() != null) {
            ObjectNode feeds = JSON.valueToTree(run.feeds());
            feeds.remove(List.of("okPerSecond", "notModifiedPerSecond")); // in the chart
            root.set("feeds", feeds);
        }
        root.set("notes", JSON.valueToTree(run.notes()));
        root.set("config", JSON.valueToTree(config));
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadavg_before", run.loadBefore());
        machine.put("loadavg_after", run.loadAfter());
        machine.put("java", System.getProperty("java.version"));
        return root;
    }

    private Map<String, Object> phaseJson(PhaseResult p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("phase", p.phase());
        m.put("subscriptions", p.subscriptions());
        m.put("articles", p.articles());
        m.put("target_rate", p.targetRate());
        m.put("published_per_s", round(p.publishRate()));
        m.put("tagged_per_s", round(p.taggedPerSecond()));
        m.put("stored_per_s", round(p.storedPerSecond()));
        m.put("deliveries_per_s", round(p.deliveriesPerSecond()));
        m.put("drained", p.completed());
        m.put("tagged", p.tagged());
        m.put("stored", p.stored());
        m.put("backlog_at_end", p.articles() - p.stored());
        m.put("deliveries_expected", p.expected());
        m.put("deliveries_received", p.received());
        m.put("lost", p.lost());
        m.put("pending_at_end", p.pendingAtEnd());
        m.put("duplicates", p.duplicates());
        m.put("unexpected", p.unexpected());
        m.put("deliveries_per_article", round(p.deliveriesPerArticle()));
        Map<String, Map<String, Long>> kinds = new java.util.TreeMap<>();
        p.byKind().forEach((kind, c) -> kinds.put(kind, Map.of("due", c[0], "received", c[1], "lost", c[2])));
        m.put("by_filter_kind", kinds);
        m.put("texts_changed_on_the_way", p.textsChanged());
        m.put("latency_ms", p.latencyMs());
        m.put("raw_to_tagged_ms", p.taggedLatencyMs());
        m.put("raw_to_stored_ms", p.storedLatencyMs());
        m.put("cpu_percent_of_one_core", p.cpuPercent());
        m.put("max_memory_mb", p.maxMemoryMb());
        Map<String, Double> perArticle = new java.util.LinkedHashMap<>();
        p.cpuPercent().keySet().forEach(k -> perArticle.put(k, round(cpuMsPerArticle(p, k))));
        m.put("cpu_ms_per_article_stored", perArticle);
        Map<String, Double> perDelivery = new java.util.LinkedHashMap<>();
        p.cpuPercent().keySet().forEach(k -> perDelivery.put(k, round4(cpuMsPerDelivery(p, k))));
        m.put("cpu_ms_per_alert_delivered", perDelivery);
        m.put("seconds", round(p.endSeconds() - p.startSeconds()));
        return m;
    }

    private String markdown(Run run) {
        StringBuilder md = new StringBuilder("# Dyad load benchmark\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
                .append(run.loadBefore()).append(" before, ").append(run.loadAfter())
                .append(" after (other work shares the machine; figures are noisy).\n\n");
        if (run.baseline() != null) {
            KafkaBaseline.Result b = run.baseline();
            md.append(String.format(Locale.ROOT, "## Kafka baseline%n%n%d records of %.0f B (acks=all, idempotent): "
                    + "produce **%.0f records/s** (%.1f MB/s), consume %.0f records/s.%n%n", b.records(),
                    b.avgRecordBytes(), b.producerRecordsPerSecond(), b.producerMbPerSecond(),
                    b.consumerRecordsPerSecond()));
        }
        md.append("## Services at rest\n\n| service | start (s, to ready) | idle RSS (MB) |\n|---|---|---|\n");
        run.startSeconds().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f |%n", k, v,
                run.idleMemoryMb().getOrDefault(k, Double.NaN))));
        md.append("\n## Pipeline phases\n\n| | ").append(String.join(" | ",
                run.phases().stream().map(PhaseResult::phase).toList())).append(" |\n|---|")
                .append("---|".repeat(run.phases().size())).append('\n');
        row(md, run, "subscriptions", p -> String.valueOf(p.subscriptions()));
        row(md, run, "articles (target rate)", p -> p.articles() + (p.targetRate() > 0 ? " (" + (int) p.targetRate()
                + "/s)" : " (max)"));
        row(md, run, "published/s", p -> fmt(p.publishRate()));
        row(md, run, "tagged/s (classify)", p -> fmt(p.taggedPerSecond()));
        row(md, run, "stored+matched/s (alert, end to end)", p -> fmt(p.storedPerSecond()));
        row(md, run, "share of Kafka baseline", p -> run.baseline() == null ? "" : String.format(Locale.ROOT, "%.1f %%",
                100 * p.storedPerSecond() / run.baseline().producerRecordsPerSecond()));
        row(md, run, "articles stored by alert-service by the end", p -> p.stored() + " of " + p.articles());
        row(md, run, "alerts due / received", p -> p.expected() + " / " + p.received());
        row(md, run, "alerts per article", p -> String.format(Locale.ROOT, "%.2f", p.deliveriesPerArticle()));
        row(md, run, "deliveries/s", p -> fmt(p.deliveriesPerSecond()));
        row(md, run, "lost / pending at end / duplicates / unexpected", p -> p.lost() + " / " + p.pendingAtEnd()
                + " / " + p.duplicates() + " / " + p.unexpected());
        row(md, run, "alerts due / received / lost by filter kind", PhaseResult::kinds);
        row(md, run, "articles whose title or text changed on the way (keyword words ≠ ours)",
                p -> String.valueOf(p.textsChanged()));
        row(md, run, "max backlog: classify lag / alert lag (records) / outbox PENDING (alerts)",
                p -> backlog(run, p, Double.MAX_VALUE));
        row(md, run, "… when publishing ended", p -> backlog(run, p, p.startSeconds() + p.articles()
                / Math.max(1, p.publishRate())));
        row(md, run, "raw→webhook p50/p95/p99 (ms)", p -> q(p.latencyMs()));
        row(md, run, "raw→tagged p50/p95/p99 (ms)", p -> q(p.taggedLatencyMs()));
        row(md, run, "raw→stored+matched p50/p95/p99 (ms)", p -> q(p.storedLatencyMs()));
        row(md, run, "drained within drain.seconds", p -> String.valueOf(p.completed()));
        row(md, run, "whole machine CPU % (all processes)", p -> fmt(p.cpuPercent().get("whole machine (all processes)")));
        for (String proc : List.of("kafka", "postgresql", "classify-service", "alert-service", "ingest-service")) {
            row(md, run, proc + " CPU % / max MB", p -> String.format(Locale.ROOT, "%.0f / %.0f",
                    p.cpuPercent().getOrDefault(proc, Double.NaN), p.maxMemoryMb().getOrDefault(proc, Double.NaN)));
        }
        for (String proc : List.of("kafka", "postgresql", "classify-service", "alert-service")) {
            row(md, run, proc + " CPU ms per article stored", p -> String.format(Locale.ROOT, "%.1f",
                    cpuMsPerArticle(p, proc)));
        }
        for (String proc : List.of("postgresql", "alert-service")) {
            row(md, run, proc + " CPU ms per alert delivered", p -> String.format(Locale.ROOT, "%.2f",
                    cpuMsPerDelivery(p, proc)));
        }
        md.append("\nCPU is % of one core averaged over the phase (200 % = both cores; the whole-machine row counts "
                + "every process on the machine, ours and others'). CPU ms per article = the process's CPU time in "
                + "the phase / articles alert-service stored: the figure that carries over to a quieter machine. "
                + "PostgreSQL memory is the sum of Pss over its processes.\n\n");
        if (run.feeds() != null) {
            md.append("## Feed polling\n\n").append(run.feeds().markdown()).append('\n');
        }
        md.append("## Notes\n\n");
        run.notes().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v instanceof Double d ? fmt(d)
                : v).append('\n'));
        md.append("\nCharts: ");
        try (var files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".png")).sorted()
                    .forEach(f -> md.append("![").append(f.getFileName()).append("](").append(f.getFileName())
                            .append(") "));
        } catch (IOException e) {
            md.append("(none)");
        }
        return md.append('\n').toString();
    }

    /** A process's CPU time in the phase per alert received (alert-service spends it matching and sending). */
    static double cpuMsPerDelivery(PhaseResult p, String process) {
        double seconds = p.endSeconds() - p.startSeconds();
        return p.received() == 0 ? Double.NaN
                : p.cpuPercent().getOrDefault(process, Double.NaN) / 100 * seconds * 1000 / p.received();
    }

    static double cpuMsPerArticle(PhaseResult p, String process) {
        double seconds = p.endSeconds() - p.startSeconds();
        return p.stored() == 0 ? Double.NaN
                : p.cpuPercent().getOrDefault(process, Double.NaN) / 100 * seconds * 1000 / p.stored();
    }

    /**
     * Where the work waits: the largest classify-service lag, alert-service lag and outbox backlog seen in the phase
     * up to {@code until} (seconds on the sampler's clock), or at {@code until} when it falls inside the phase.
     */
    private static String backlog(Run run, PhaseResult p, double until) {
        List<Sampler.Sample> samples = run.samples().stream()
                .filter(s -> s.t() >= p.startSeconds() && s.t() <= p.endSeconds()).toList();
        if (samples.isEmpty()) {
            return "–";
        }
        if (until < p.endSeconds()) {
            Sampler.Sample at = samples.stream().filter(s -> s.t() >= until).findFirst()
                    .orElse(samples.get(samples.size() - 1));
            return at.classifyLag() + " / " + at.alertLag() + " / " + at.pending();
        }
        return samples.stream().mapToLong(Sampler.Sample::classifyLag).max().orElse(0) + " / "
                + samples.stream().mapToLong(Sampler.Sample::alertLag).max().orElse(0) + " / "
                + samples.stream().mapToLong(Sampler.Sample::pending).max().orElse(0);
    }

    private static void row(StringBuilder md, Run run, String label,
            java.util.function.Function<PhaseResult, String> value) {
        md.append("| ").append(label).append(" | ");
        run.phases().forEach(p -> md.append(value.apply(p)).append(" | "));
        md.append('\n');
    }

    private static String q(Map<String, Double> quantiles) {
        return fmt(quantiles.get("p50")) + " / " + fmt(quantiles.get("p95")) + " / " + fmt(quantiles.get("p99"));
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    private void charts(Run run) throws IOException {
        if (run.feeds() != null) {
            feedChart(run.feeds());
        }
        for (PhaseResult p : run.phases()) {
            List<Sampler.Sample> samples = run.samples().stream()
                    .filter(s -> s.t() >= p.startSeconds() && s.t() <= p.endSeconds()).toList();
            XYSeries raw = new XYSeries("raw published/s");
            XYSeries tagged = new XYSeries("tagged/s");
            XYSeries stored = new XYSeries("alert stored/s");
            XYSeries deliveries = new XYSeries("deliveries/s");
            XYSeries classifyLag = new XYSeries("classify-service lag");
            XYSeries alertLag = new XYSeries("alert-service lag");
            XYSeries pending = new XYSeries("alert-service outbox: alerts PENDING");
            for (int i = 1; i < samples.size(); i++) {
                // rates over the last 5 samples (≈ 5 s): per-second counts swing with batching and commits
                Sampler.Sample a = samples.get(Math.max(0, i - 5));
                Sampler.Sample b = samples.get(i);
                double dt = b.t() - a.t();
                double t = b.t() - p.startSeconds();
                if (dt <= 0) {
                    continue;
                }
                raw.add(t, (b.raw() - a.raw()) / dt);
                tagged.add(t, (b.tagged() - a.tagged()) / dt);
                stored.add(t, (b.stored() - a.stored()) / dt);
                deliveries.add(t, (b.deliveries() - a.deliveries()) / dt);
                classifyLag.add(t, b.classifyLag());
                alertLag.add(t, b.alertLag());
                if (b.pending() >= 0) {
                    pending.add(t, b.pending());
                }
            }
            save(line(p.phase() + ": throughput (5 s averages)", "records per second", raw, tagged, stored, deliveries),
                    p.phase() + "-throughput.png");
            save(line(p.phase() + ": consumer lag", "records behind", classifyLag, alertLag), p.phase() + "-lag.png");
            save(line(p.phase() + ": alerts matched and not yet sent", "alerts", pending), p.phase() + "-outbox.png");
            if (p.latenciesMs().length > 0) {
                HistogramDataset histogram = new HistogramDataset();
                histogram.addSeries("raw publish → webhook received", p.latenciesMs(), 60);
                save(ChartFactory.createHistogram(p.phase() + ": latency (" + p.latenciesMs().length + " alerts)",
                        "milliseconds", "alerts", histogram, PlotOrientation.VERTICAL, true, false, false),
                        p.phase() + "-latency.png");
            }
        }
    }

    private void feedChart(FeedBench.Result feeds) throws IOException {
        XYSeries ok = new XYSeries("200 (new content)");
        XYSeries notModified = new XYSeries("304 Not Modified");
        for (int i = 0; i < feeds.okPerSecond().length; i++) {
            ok.add(i, feeds.okPerSecond()[i]);
            notModified.add(i, feeds.notModifiedPerSecond()[i]);
        }
        save(line("feeds: polls answered per second (" + feeds.feeds() + " feeds, " + feeds.hosts() + " hosts)",
                "polls per second", ok, notModified), "feeds-polls.png");
    }

    private static JFreeChart line(String title, String yLabel, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        return ChartFactory.createXYLineChart(title, "seconds since phase start", yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private void save(JFreeChart chart, String name) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(name).toFile(), chart, 900, 450);
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }

    private static Double round4(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10000) / 10000.0;
    }
}
