package io.dyad.alert.bench;

import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.matching.IndexedSubscription;
import io.dyad.alert.matching.Match;
import io.dyad.alert.matching.SubscriptionIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Matching one tagged article against {@code subscriptions} subscriptions ({@link SyntheticLoad}: pairs, countries,
 * issues, keyword queries, languages, sources, minimum scores). Sample mode, so JMH reports p50/p99 per article. Each
 * invocation takes the next of 1,000 pre-made articles, whose words still have to be analysed for keyword queries (a
 * fresh {@link ArticleTags} per call, as in production). Setup prints the heap the index takes; the end of each run
 * prints the thread CPU time per measured call, which a loaded machine does not inflate the way it does wall time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+UseParallelGC"})
public class MatchingBenchmark {

    @Param("1000000")
    int subscriptions;

    private SubscriptionIndex index;
    private ArticleTags[] articles;
    private int next;
    private long matches;
    private long calls;
    /** CPU time of each measured call: on a loaded machine wall-clock samples mostly measure waiting for a core */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long[] cpuNanos = new long[1 << 22];
    private int cpuCount;
    private boolean measuring;

    @Setup(Level.Trial)
    public void build() {
        SyntheticLoad load = new SyntheticLoad(7);
        long before = usedHeap();
        var subs = load.subscriptions(subscriptions);
        long afterSubs = usedHeap();
        long start = System.nanoTime();
        index = SubscriptionIndex.of(subs);
        long buildMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long afterIndex = usedHeap();
        articles = new ArticleTags[1000];
        for (int i = 0; i < articles.length; i++) {
            articles[i] = load.article();
        }
        reportChangeCost(subs);
        subs = null;
        // the index drops the parsed query trees the subscriptions carried in: afterIndex - before is what it retains
        System.out.printf("%n[index] %,d subscriptions (%,d keyword-only, found by their anchors), %,d keys;"
                + " built in %,d ms; heap: subscriptions as read %,d MB (with parsed queries); retained by the index"
                + " (subscriptions + structures) %,d MB%n",
                index.size(), index.monitoredCount(), index.keyCount(), buildMillis,
                (afterSubs - before) >> 20, (afterIndex - before) >> 20);
    }

    /**
     * What one subscription change costs at this size ({@link SubscriptionIndex#withChanges}: a copy of the
     * tombstone bits and a build of the delta), on the fresh base and on top of 1,000 pending changes; the median of
     * 21 runs each. Changed filters come from another seed, so the articles above stay the headline's.
     */
    private void reportChangeCost(List<IndexedSubscription> subs) {
        int runs = 21;
        List<IndexedSubscription> other = new SyntheticLoad(8).subscriptions(1000 + runs);
        List<IndexedSubscription> changed = new ArrayList<>();
        for (int i = 0; i < other.size(); i++) {
            IndexedSubscription base = subs.get(i * 37 % subs.size());
            changed.add(new IndexedSubscription(base.id(), "changed", other.get(i).filter()));
        }
        long[] fresh = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            index.withChanges(List.of(changed.get(1000 + i)), List.of());
            fresh[i] = System.nanoTime() - start;
        }
        SubscriptionIndex busy = index.withChanges(changed.subList(0, 1000), List.of());
        long[] onTop = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            busy.withChanges(List.of(changed.get(1000 + i)), List.of());
            onTop[i] = System.nanoTime() - start;
        }
        Arrays.sort(fresh);
        Arrays.sort(onTop);
        System.out.printf("[change] one subscription change: %.2f ms on the fresh base, %.2f ms on top of %,d pending"
                + " (median of %d)%n", fresh[runs / 2] / 1e6, onTop[runs / 2] / 1e6, busy.pendingChanges(), runs);
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @TearDown(Level.Trial)
    public void close() {
        System.out.printf("%n[index] %.1f matches per article on average%n", calls == 0 ? 0.0 : (double) matches / calls);
        long[] sorted = Arrays.copyOf(cpuNanos, cpuCount);
        Arrays.sort(sorted);
        if (sorted.length > 0) {
            System.out.printf("[cpu] thread CPU time per article over %,d measured calls: p50 %.1f us, p99 %.1f us,"
                    + " mean %.1f us, max %.1f us; load average now %.1f%n", sorted.length,
                    sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                    Arrays.stream(sorted).average().orElse(0) / 1e3, sorted[sorted.length - 1] / 1e3,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void recordCpu(long start) {
        if (measuring && cpuCount < cpuNanos.length) {
            cpuNanos[cpuCount++] = THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    /** The matching decision: which subscriptions match (each {@link Match} is built when read; see below). */
    @Benchmark
    public List<Match> matchOneArticle() {
        long start = THREADS.getCurrentThreadCpuTime();
        ArticleTags template = articles[next++ % articles.length];
        // a fresh copy: its words are analysed again, as for every new article in production
        ArticleTags article = template.copyWithFreshText();
        List<Match> found = index.match(article);
        matches += found.size();
        calls++;
        recordCpu(start);
        return found;
    }

    /** The same, and every {@link Match} built too (sorted pairs, countries, issues), as the outbox insert reads them. */
    @Benchmark
    public void matchAndBuildEveryMatch(Blackhole bh) {
        long start = THREADS.getCurrentThreadCpuTime();
        ArticleTags template = articles[next++ % articles.length];
        ArticleTags article = template.copyWithFreshText();
        List<Match> found = index.match(article);
        for (Match m : found) {
            bh.consume(m);
        }
        matches += found.size();
        calls++;
        recordCpu(start);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
