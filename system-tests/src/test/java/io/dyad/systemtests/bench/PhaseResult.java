package io.dyad.systemtests.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one load phase measured: rates per stage, latencies, and the count of alerts due (worked out by our own
 * matcher from the tags classify-service gave) against those received.
 */
record PhaseResult(
        String phase,
        int subscriptions,
        int articles,
        double targetRate,
        double publishRate,
        double taggedPerSecond,
        double storedPerSecond,
        double deliveriesPerSecond,
        boolean completed,
        long tagged,
        long stored,
        long expected,
        long received,
        long lost,
        long pendingAtEnd,
        long duplicates,
        long unexpected,
        double deliveriesPerArticle,
        Map<String, long[]> byKind,
        long textsChanged,
        Map<String, Double> latencyMs,
        Map<String, Double> taggedLatencyMs,
        Map<String, Double> storedLatencyMs,
        double[] latenciesMs,
        Map<String, Double> cpuPercent,
        Map<String, Double> maxMemoryMb,
        double startSeconds,
        double endSeconds) {

    static final double[] QUANTILES = {0.5, 0.95, 0.99};

    /**
     * Everything the harness saw during a phase, to be reduced to a {@link PhaseResult}. {@code deliveryStatus}
     * ("subscription/article" → status in alert-service's outbox) must be read before {@code receipts}: a row is
     * marked SENT only after our receiver answered, so every SENT row read first has its receipt in the list.
     */
    record Inputs(String phase, int subscriptions, int articles, double targetRate, double publishRate,
            double startSeconds, double endSeconds, boolean completed, List<Sampler.Sample> samples,
            Map<String, RawPublisher.Sent> sent, List<WebhookReceiver.Receipt> receipts, TaggedObserver observer,
            Subscriptions subs, Map<String, String> deliveryStatus, Map<String, Long> storedAtMillis) {
    }

    static PhaseResult of(Inputs in) {
        List<String> articleIds = in.sent().entrySet().stream().filter(e -> e.getValue().phase().equals(in.phase()))
                .map(Map.Entry::getKey).toList();
        Set<String> ours = new HashSet<>(articleIds);
        // due alerts: (subscription, article) by our matcher over the tags classify-service published
        Set<String> expected = new HashSet<>();
        long textsChanged = 0;
        List<Double> taggedLatencies = new ArrayList<>();
        List<Double> storedLatencies = new ArrayList<>();
        long tagged = 0;
        long stored = 0;
        for (String id : articleIds) {
            TaggedObserver.Tags tags = in.observer().get(id);
            if (tags == null) {
                continue;
            }
            tagged++;
            taggedLatencies.add((tags.seenNanos() - in.sent().get(id).nanos()) / 1e6);
            Long storedAt = in.storedAtMillis().get(id);
            if (storedAt == null) {
                continue; // not yet stored by alert-service when the phase ended: backlog, not loss
            }
            stored++;
            RawPublisher.Sent sent = in.sent().get(id);
            storedLatencies.add((double) (storedAt - sent.epochMillis()));
            if (tags.wordsHash() != TaggedObserver.wordsHash(sent.title(), sent.searchText())) {
                textsChanged++; // keyword queries would then search other words than ours: reported, never expected
            }
            // the words a query searches, worked out from what the generator wrote, not from alert-service
            ArticleWords words = ArticleWords.of(sent.title(), sent.searchText());
            for (UUID sub : in.subs().matching(tags.pairs(), tags.countries(), tags.issues(), words)) {
                expected.add(sub + "/" + id);
            }
        }
        Map<String, Integer> receivedPairs = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (WebhookReceiver.Receipt r : in.receipts()) {
            if (!ours.contains(r.articleId())) {
                continue;
            }
            receivedPairs.merge(r.subscriptionId() + "/" + r.articleId(), 1, Integer::sum);
            latencies.add((r.receivedNanos() - in.sent().get(r.articleId()).nanos()) / 1e6);
            first = Math.min(first, r.receivedNanos());
            last = Math.max(last, r.receivedNanos());
        }
        long duplicates = receivedPairs.values().stream().mapToLong(n -> n - 1).sum();
        long unexpected = receivedPairs.keySet().stream().filter(k -> !expected.contains(k)).count();
        // an alert due and not received is pending when alert-service still holds it as PENDING; anything else
        // (FAILED, SENT without reaching us, or never queued) is lost
        long pending = 0;
        long lost = 0;
        for (String key : expected) {
            if (!receivedPairs.containsKey(key)) {
                if ("PENDING".equals(in.deliveryStatus().get(key))) {
                    pending++;
                } else {
                    lost++;
                }
            }
        }
        // per filter kind: {due, received once or more, lost}
        Map<String, long[]> byKind = new java.util.TreeMap<>();
        for (String key : expected) {
            long[] counts = byKind.computeIfAbsent(kindOf(in, key), k -> new long[3]);
            counts[0]++;
            if (receivedPairs.containsKey(key)) {
                counts[1]++;
            } else if (!"PENDING".equals(in.deliveryStatus().get(key))) {
                counts[2]++;
            }
        }
        double deliveriesPerSecond = last > first ? receivedPairs.size() / ((last - first) / 1e9) : 0;
        double[] latencyArray = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new PhaseResult(in.phase(), in.subscriptions(), in.articles(), in.targetRate(), in.publishRate(),
                stageRate(in, Sampler.Sample::tagged), stageRate(in, Sampler.Sample::stored), deliveriesPerSecond,
                in.completed(), tagged, stored, expected.size(), receivedPairs.size(), lost, pending, duplicates,
                unexpected, stored == 0 ? 0 : (double) expected.size() / stored, byKind, textsChanged,
                quantiles(latencyArray),
                quantiles(taggedLatencies.stream().mapToDouble(Double::doubleValue).sorted().toArray()),
                quantiles(storedLatencies.stream().mapToDouble(Double::doubleValue).sorted().toArray()),
                latencyArray, cpu(in.samples()), memory(in.samples()), in.startSeconds(), in.endSeconds());
    }

    private static String kindOf(Inputs in, String key) {
        Subscriptions.Filter f = in.subs().get(UUID.fromString(key.substring(0, key.indexOf('/'))));
        return f == null ? "?" : f.kind();
    }

    /** Articles through a stage per second: from the phase start until the stage had them all (or the phase end). */
    private static double stageRate(Inputs in, java.util.function.ToLongFunction<Sampler.Sample> stage) {
        List<Sampler.Sample> samples = in.samples();
        if (samples.size() < 2) {
            return 0;
        }
        long base = stage.applyAsLong(samples.get(0));
        for (Sampler.Sample s : samples) {
            long done = stage.applyAsLong(s) - base;
            if (done >= in.articles()) {
                return done / Math.max(0.001, s.t() - samples.get(0).t());
            }
        }
        Sampler.Sample end = samples.get(samples.size() - 1);
        return (stage.applyAsLong(end) - base) / Math.max(0.001, end.t() - samples.get(0).t());
    }

    static Map<String, Double> quantiles(double[] sorted) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (double q : QUANTILES) {
            out.put("p" + Math.round(q * 100), sorted.length == 0 ? Double.NaN : sorted[index(sorted.length, q)]);
        }
        out.put("max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        out.put("count", (double) sorted.length);
        return out;
    }

    private static int index(int n, double q) {
        return Math.min(n - 1, (int) Math.ceil(q * n) - 1);
    }

    /** Average CPU per process over the phase, in % of one core. */
    private static Map<String, Double> cpu(List<Sampler.Sample> samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (samples.size() < 2) {
            return out;
        }
        Sampler.Sample a = samples.get(0);
        Sampler.Sample b = samples.get(samples.size() - 1);
        double seconds = b.t() - a.t();
        out.put("whole machine (all processes)", 100 * (b.machineBusySeconds() - a.machineBusySeconds()) / seconds);
        b.processes().forEach((name, reading) -> {
            ProcessStats.Reading before = a.processes().get(name);
            if (before != null && seconds > 0) {
                out.put(name, 100 * (reading.cpuSeconds() - before.cpuSeconds()) / seconds);
            }
        });
        return out;
    }

    private static Map<String, Double> memory(List<Sampler.Sample> samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        samples.forEach(s -> s.processes().forEach((name, r) -> out.merge(name, r.memoryMb(), Math::max)));
        return out;
    }

    /** "kind due/received/lost" per filter kind. */
    String kinds() {
        StringBuilder out = new StringBuilder();
        byKind.forEach((kind, c) -> out.append(out.length() == 0 ? "" : ", ").append(kind).append(' ').append(c[0])
                .append('/').append(c[1]).append('/').append(c[2]));
        return out.toString();
    }

    @Override
    public String toString() {
        return phase + ": " + articles + " articles, " + subscriptions + " subscriptions, published "
                + Math.round(publishRate) + "/s, tagged " + Math.round(taggedPerSecond) + "/s, stored "
                + Math.round(storedPerSecond) + "/s, deliveries " + received + "/" + expected + " ("
                + Math.round(deliveriesPerSecond) + "/s), lost " + lost + ", pending " + pendingAtEnd
                + ", duplicates " + duplicates + ", unexpected " + unexpected + ", by filter kind (due/received/lost) "
                + kinds() + ", texts changed " + textsChanged + ", latency " + latencyMs
                + ", raw→tagged " + taggedLatencyMs + ", raw→stored " + storedLatencyMs + ", cpu " + cpuPercent + ", mem " + maxMemoryMb
                + (completed ? "" : " (NOT drained in time)");
    }
}
