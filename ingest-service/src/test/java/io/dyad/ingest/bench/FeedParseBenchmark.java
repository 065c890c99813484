package io.dyad.ingest.bench;

import io.dyad.ingest.feed.FeedParser;
import io.dyad.ingest.feed.ParsedFeed;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.ingest.testing.TestFeeds.Item;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feeds parsed per second on one thread: a synthetic RSS 2.0 feed of {@code items} items with HTML content, parsed
 * by {@link FeedParser} (Rome, DOCTYPEs refused) into feed items. Run with bench/run-benchmarks.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FeedParseBenchmark {

    @Param({"20", "200"})
    public int items;

    private final FeedParser parser = new FeedParser();
    private byte[] feed;

    @Setup
    public void makeFeed() {
        List<Item> list = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            list.add(new Item("Harbour talks, day " + i, "https://wire.example/2026/03/story-" + i,
                    "Negotiators met again on day " + i + " of the talks.",
                    "<p>Negotiators met again on day " + i + ", officials said.</p>"
                            + "<p>" + "The talks covered customs lanes, night shifts and ferry slots. ".repeat(8)
                            + "</p>"));
        }
        feed = TestFeeds.rss("Benchmark wire", list).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ParsedFeed parseFeed() {
        return parser.parse(feed, "application/rss+xml; charset=utf-8");
    }
}
