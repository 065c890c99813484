import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two builds of the classifier in one JVM (one class loader each), timed by the thread's CPU time in alternating
 * batches of the 256 benchmark articles (ClassifyBenchmark's), so both see the same machine load: on a shared machine
 * this ratio is steadier than two separate runs. Run by bench/run-interleaved-ab.sh; arguments: two files holding a
 * class path each (A, B) and the number of timed rounds (half as many warm-up rounds come first).
 */
public class InterleavedAB {

    /** One build: its classifier and the benchmark articles, loaded by its own class loader. */
    static final class Build {
        final Object classifier;
        final Method classify;
        final List<?> articles;
        final Method title;
        final Method text;
        long cpuNanos;
        long classified;

        Build(String classPathFile) throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : Files.readString(Path.of(classPathFile)).trim().split(":")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            // the platform loader as parent: nothing of either build is shared (each has its own Vocabulary)
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> settings = loader.loadClass("io.dyad.classify.service.ClassifierSettings");
            Class<?> classifierClass = loader.loadClass("io.dyad.classify.service.ArticleClassifier");
            classifier = classifierClass.getMethod("load", settings)
                    .invoke(null, settings.getMethod("defaults").invoke(null));
            classify = classifierClass.getMethod("classify", String.class, String.class, String.class, String.class);
            Class<?> generator = loader.loadClass("io.dyad.classify.bench.SyntheticArticles");
            articles = (List<?>) generator.getMethod("generate", int.class, int.class, long.class)
                    .invoke(null, 256, 3000, 42L);
            Class<?> article = loader.loadClass("io.dyad.classify.bench.SyntheticArticles$Article");
            title = article.getMethod("title");
            text = article.getMethod("text");
            title.setAccessible(true);
            text.setAccessible(true);
        }

        /** Classifies every article once, adding the thread CPU time it took. */
        long batch(ThreadMXBean threads) throws Exception {
            long sink = 0;
            long start = threads.getCurrentThreadCpuTime();
            for (Object a : articles) {
                sink += classify.invoke(classifier, title.invoke(a), null, text.invoke(a), null).hashCode() & 1;
            }
            cpuNanos += threads.getCurrentThreadCpuTime() - start;
            classified += articles.size();
            return sink;
        }

        double articlesPerCpuSecond() {
            return classified / (cpuNanos / 1e9);
        }

        double microsPerArticle() {
            return cpuNanos / 1e3 / classified;
        }
    }

    public static void main(String[] args) throws Exception {
        Build a = new Build(args[0]);
        Build b = new Build(args[1]);
        int rounds = Integer.parseInt(args[2]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = 0; r < rounds / 2; r++) { // warm-up: both builds' hot paths compiled
            sink += a.batch(threads) + b.batch(threads);
        }
        a.cpuNanos = b.cpuNanos = a.classified = b.classified = 0;
        for (int r = 0; r < rounds; r++) {
            // the order alternates, so neither build always runs right after the other's garbage
            sink += (r & 1) == 0 ? a.batch(threads) + b.batch(threads) : b.batch(threads) + a.batch(threads);
        }
        System.out.printf("A articles_per_cpu_s=%.0f us=%.1f | B articles_per_cpu_s=%.0f us=%.1f | B/A speed=%.2f "
                + "(rounds %d of %d articles, sink %d)%nA=%s%nB=%s%n", a.articlesPerCpuSecond(), a.microsPerArticle(),
                b.articlesPerCpuSecond(), b.microsPerArticle(), a.microsPerArticle() / b.microsPerArticle(), rounds,
                a.articles.size(), sink, args[0], args[1]);
    }
}
