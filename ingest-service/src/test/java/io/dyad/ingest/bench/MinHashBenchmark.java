package io.dyad.ingest.bench;

import io.dyad.ingest.story.MinHasher;
import io.dyad.ingest.testing.StoryTexts;
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
 * Near-duplicate fingerprints per second on one thread: the MinHash signature (128 hashes over word 3-shingles) and
 * LSH band keys of a text of about {@code words} words, built from the synthetic story texts. Run with
 * bench/run-benchmarks.sh MinHashBenchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class MinHashBenchmark {

    @Param({"300", "1000"})
    public int words;

    private String text;

    @Setup
    public void makeText() {
        StringBuilder b = new StringBuilder();
        String[] parts = {StoryTexts.WIRE, StoryTexts.SAME_TOPIC, StoryTexts.SAME_TOPIC_2, StoryTexts.COPY_LOCALISED};
        for (int i = 0; MinHasher.words(b.toString()).size() < words; i++) {
            b.append(parts[i % parts.length]).append("\n\n");
        }
        text = String.join(" ", MinHasher.words(b.toString()).subList(0, words));
    }

    @Benchmark
    public long[] fingerprint() {
        return MinHasher.bands(MinHasher.signature(text, 40));
    }
}
