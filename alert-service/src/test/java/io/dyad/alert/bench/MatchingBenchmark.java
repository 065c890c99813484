package io.dyad.alert.bench;

import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.matching.Match;
import io.dyad.alert.matching.SubscriptionIndex;
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

/**
 * Matching one tagged article against {@code subscriptions} subscriptions ({@link SyntheticLoad}: pairs, countries,
 * issues, keyword queries, languages, sources, minimum scores). Sample mode, so JMH reports p50/p99 per article. Each
 * invocation takes the next of 1,000 pre-made articles, whose words still have to be analysed for keyword queries (a
 * fresh {@link ArticleTags} per call, as in production). Setup prints the heap the index takes.
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
        subs = null;
        System.out.printf("%n[index] %,d subscriptions (%,d keyword-only in the monitor), %,d keys; built in %,d ms;"
                + " heap: subscriptions %,d MB + index structures and monitor %,d MB = %,d MB%n",
                index.size(), index.monitoredCount(), index.keyCount(), buildMillis,
                (afterSubs - before) >> 20, (afterIndex - afterSubs) >> 20, (afterIndex - before) >> 20);
    }

    @TearDown(Level.Trial)
    public void close() {
        System.out.printf("%n[index] %.1f matches per article on average%n", calls == 0 ? 0.0 : (double) matches / calls);
    }

    /** The matching decision: which subscriptions match (each {@link Match} is built when read; see below). */
    @Benchmark
    public List<Match> matchOneArticle() {
        ArticleTags template = articles[next++ % articles.length];
        // a fresh copy: its words are analysed again, as for every new article in production
        ArticleTags article = template.copyWithFreshText();
        List<Match> found = index.match(article);
        matches += found.size();
        calls++;
        return found;
    }

    /** The same, and every {@link Match} built too (sorted pairs, countries, issues), as the outbox insert reads them. */
    @Benchmark
    public void matchAndBuildEveryMatch(Blackhole bh) {
        ArticleTags template = articles[next++ % articles.length];
        ArticleTags article = template.copyWithFreshText();
        List<Match> found = index.match(article);
        for (Match m : found) {
            bh.consume(m);
        }
        matches += found.size();
        calls++;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
