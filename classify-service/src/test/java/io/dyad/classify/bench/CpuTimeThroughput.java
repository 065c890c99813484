package io.dyad.classify.bench;

import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.ClassifierSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Articles per CPU-second of one thread, for a machine shared with other work where JMH's wall-clock throughput
 * measures the neighbours as much as the code: the same 256 generated ~3 KB English articles as ClassifyBenchmark,
 * warmed up, then timed by the thread's own CPU time. Run by bench/run-cpu-throughput.sh; prints one line.
 */
public final class CpuTimeThroughput {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ArticleClassifier classifier = ArticleClassifier.load(ClassifierSettings.defaults());
        List<SyntheticArticles.Article> articles = SyntheticArticles.generate(256, 3000, 42);
        long bytes = articles.stream().mapToLong(a -> a.title().length() + a.text().length()).sum() / articles.size();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = 0; r < rounds / 2; r++) { // warm-up: let the JIT compile the hot paths
            for (SyntheticArticles.Article a : articles) {
                sink += classifier.classify(a.title(), null, a.text(), null).issues().size();
            }
        }
        long allocated0 = allocatedBytes(threads);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (SyntheticArticles.Article a : articles) {
                sink += classifier.classify(a.title(), null, a.text(), null).countries().size();
                n++;
            }
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long allocatedPerArticle = (allocatedBytes(threads) - allocated0) / n;
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        long gcs = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
        }
        // live heap: what the loaded classifier holds once the garbage of the run is collected
        System.gc();
        long live = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf("articles=%d avg_chars=%d cpu_s=%.2f wall_s=%.2f articles_per_cpu_s=%.0f "
                + "articles_per_wall_s=%.0f alloc_bytes_per_article=%d heap_max_mb=%d heap_live_mb=%d gcs=%d (sink %d)%n", n,
                bytes, cpuSeconds, wallSeconds, n / cpuSeconds, n / wallSeconds, allocatedPerArticle,
                Runtime.getRuntime().maxMemory() >> 20, live >> 20, gcs, sink);
    }

    /** Bytes this thread has allocated so far (HotSpot's extension of ThreadMXBean), or 0 where unsupported. */
    private static long allocatedBytes(ThreadMXBean threads) {
        return threads instanceof com.sun.management.ThreadMXBean hotspot
                ? hotspot.getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
    }
}
