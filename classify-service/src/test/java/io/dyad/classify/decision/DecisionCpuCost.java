package io.dyad.classify.decision;

import io.dyad.classify.bench.SyntheticArticles;
import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.ClassifierSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * What the learned decisions cost against the session-3 rules: the benchmark's 256 generated ~3 KB articles classified
 * by both classifiers in alternating rounds on one thread, each timed by the thread's own CPU time (a shared machine's
 * load hits both alike). Not a test; run with bench/run-cpu-throughput.sh's class path:
 * {@code java -Xmx256m -cp ... io.dyad.classify.decision.DecisionCpuCost [rounds]}. Prints one line per build.
 */
public final class DecisionCpuCost {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        ArticleClassifier learned = ArticleClassifier.load(ClassifierSettings.defaults());
        ArticleClassifier rules = ArticleClassifier.load(ClassifierSettings.defaults().withRules());
        List<SyntheticArticles.Article> articles = SyntheticArticles.generate(256, 3000, 42);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ArticleClassifier[] builds = {learned, rules};
        long[] cpu = new long[2];
        long sink = 0;
        for (int r = 0; r < rounds * 2; r++) {
            boolean timed = r >= rounds; // the first half warms both up
            for (int b = 0; b < 2; b++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (SyntheticArticles.Article a : articles) {
                    sink += builds[b].classify(a.title(), null, a.text(), null).pairs().size();
                }
                if (timed) {
                    cpu[b] += threads.getCurrentThreadCpuTime() - t0;
                }
            }
        }
        long n = (long) rounds * articles.size();
        System.out.printf("learned: %.1f us/article (%.0f articles per CPU-second)%n", cpu[0] / 1e3 / n, n / (cpu[0] / 1e9));
        System.out.printf("rules:   %.1f us/article (%.0f articles per CPU-second)  (sink %d)%n", cpu[1] / 1e3 / n,
                n / (cpu[1] / 1e9), sink);
    }
}
