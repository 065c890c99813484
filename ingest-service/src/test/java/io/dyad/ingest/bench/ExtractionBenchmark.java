package io.dyad.ingest.bench;

import io.dyad.ingest.extract.ArticleExtractor;
import io.dyad.ingest.extract.ExtractCli;
import io.dyad.ingest.extract.ExtractedArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pages per second of {@link ArticleExtractor} on one thread (so: per core): every invocation extracts the next page
 * of the set, parsing included. Pages are read once, decoded, from {@code -Ddyad.bench.pages} (default: the
 * extraction dev set in ../shared/data). Run with bench/run-benchmarks.sh, not part of {@code mvn verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ExtractionBenchmark {

    private final ArticleExtractor extractor = new ArticleExtractor();
    private List<String> pages;
    private int next;

    @Setup
    public void load() throws IOException {
        Path dir = Path.of(System.getProperty("dyad.bench.pages", "../shared/data/extraction-dev/html"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> paths = files.filter(p -> p.getFileName().toString().matches(".*\\.html?(\\.gz)?"))
                    .sorted().toList();
            pages = new java.util.ArrayList<>();
            for (Path p : paths) {
                pages.add(ExtractCli.read(p));
            }
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("no pages in " + dir.toAbsolutePath());
        }
    }

    @Benchmark
    public ExtractedArticle extractOnePage() {
        String page = pages.get(next);
        next = (next + 1) % pages.size();
        return extractor.extract(page, null);
    }
}
