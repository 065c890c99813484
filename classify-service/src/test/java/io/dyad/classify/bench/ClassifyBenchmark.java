package io.dyad.classify.bench;

import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.Classification;
import io.dyad.classify.service.ClassifierSettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Articles per second through the whole classifier (language, countries, salience, pairs, issues with the English
 * model), one thread per core, on 256 generated English articles of about 3 KB; each invocation classifies the next.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class ClassifyBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        ArticleClassifier classifier;
        List<SyntheticArticles.Article> articles;

        @Setup(Level.Trial)
        public void load() {
            classifier = ArticleClassifier.load(ClassifierSettings.defaults());
            articles = SyntheticArticles.generate(256, 3000, 42);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public Classification classifyEnglish3k(Shared shared, Cursor cursor) {
        SyntheticArticles.Article a = shared.articles.get(cursor.next++ & 255);
        return shared.classifier.classify(a.title(), null, a.text(), null);
    }
}
