package io.dyad.alert.bench;

import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.matching.SubscriptionIndex;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The matching benchmark's index and articles (same seed, same mix) without JMH, for finding out which articles make
 * the tail: every one of the 1,000 articles is matched {@code rounds} times, each call timed in thread CPU time, and
 * the run prints the CPU p50/p99/max over all calls, the same over each article's median (a loaded machine inflates
 * single calls, rarely an article's median), the bytes allocated per article, and the heaviest articles with their
 * tags. Run: {@code alert-service/bench/run-cpu-profile.sh [rounds]}.
 */
public final class MatchingCpuProfile {

    private MatchingCpuProfile() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int subscriptions = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        SyntheticLoad load = new SyntheticLoad(7);
        long heapBefore = usedHeap();
        SubscriptionIndex index = SubscriptionIndex.of(load.subscriptions(subscriptions));
        // what the index retains (subscriptions + structures): the subscription list itself is garbage by now
        long indexHeap = usedHeap() - heapBefore;
        ArticleTags[] articles = new ArticleTags[1000];
        for (int i = 0; i < articles.length; i++) {
            articles[i] = load.article();
        }
        // warm-up: the JIT settles on the same mix
        int warmRounds = Math.max(5, rounds / 3);
        for (int r = 0; r < warmRounds; r++) {
            for (ArticleTags a : articles) {
                index.match(a.copyWithFreshText()).size();
            }
        }
        long[][] cpu = new long[articles.length][rounds];
        int[] matches = new int[articles.length];
        long allocated = 0;
        long wallStart = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            long bytesBefore = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < articles.length; i++) {
                long start = threads.getCurrentThreadCpuTime();
                matches[i] = index.match(articles[i].copyWithFreshText()).size();
                cpu[i][r] = threads.getCurrentThreadCpuTime() - start;
            }
            allocated += threads.getThreadAllocatedBytes(self) - bytesBefore;
        }
        double wallPerCall = (System.nanoTime() - wallStart) / 1e3 / rounds / articles.length;
        long[] all = new long[articles.length * rounds];
        long[] medians = new long[articles.length];
        for (int i = 0; i < articles.length; i++) {
            System.arraycopy(cpu[i], 0, all, i * rounds, rounds);
            long[] s = cpu[i].clone();
            Arrays.sort(s);
            medians[i] = s[rounds / 2];
        }
        Arrays.sort(all);
        long[] sortedMedians = medians.clone();
        Arrays.sort(sortedMedians);
        double loadEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("[cpu-profile] %,d subscriptions, %,d articles x %d rounds; load %.1f -> %.1f%n",
                index.size(), articles.length, rounds, loadStart, loadEnd);
        System.out.printf("[cpu-profile] thread CPU per call: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us,"
                + " mean %.1f us; wall per call %.1f us%n", all[all.length / 2] / 1e3,
                all[(int) (all.length * 0.9)] / 1e3, all[(int) (all.length * 0.99)] / 1e3,
                all[all.length - 1] / 1e3, Arrays.stream(all).average().orElse(0) / 1e3, wallPerCall);
        System.out.printf("[cpu-profile] per-article median CPU: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
                sortedMedians[500] / 1e3, sortedMedians[900] / 1e3, sortedMedians[990] / 1e3,
                sortedMedians[999] / 1e3);
        System.out.printf("[cpu-profile] allocated per article: %,d bytes; matches per article %.1f; index heap %,d MB%n",
                allocated / rounds / articles.length, Arrays.stream(matches).average().orElse(0), indexHeap >> 20);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < articles.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> medians[i]).reversed());
        System.out.println("[cpu-profile] heaviest articles (median CPU us, matches, pairs, countries, issues, language):");
        for (int k = 0; k < 15; k++) {
            int i = order.get(k);
            ArticleTags a = articles[i];
            System.out.printf("  #%-4d %7.1f %6d %s %s %s %s%n", i, medians[i] / 1e3, matches[i], a.pairs(),
                    a.countries(), a.issues(), a.language());
        }
        System.out.printf("  lightest: #%d %.1f us, %d matches%n", order.get(999), medians[order.get(999)] / 1e3,
                matches[order.get(999)]);
        if (args.length > 2) {
            // a long loop over the heaviest tenth only, for a profiler attached to this run
            int seconds = Integer.parseInt(args[2]);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                for (int k = 0; k < 100; k++) {
                    index.match(articles[order.get(k)].copyWithFreshText()).size();
                }
            }
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
