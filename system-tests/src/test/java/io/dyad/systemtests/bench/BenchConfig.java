package io.dyad.systemtests.bench;

import io.dyad.systemtests.ServiceProcess;
import java.util.List;

/**
 * Sizes and durations of one benchmark run, each overridable with {@code -Ddyad.bench.<name>=<value>} on the Maven
 * command line (Failsafe hands user properties to the test JVM). The defaults finish in about 5–10 minutes.
 */
record BenchConfig(
        int partitions,
        boolean kafkaFlushEveryMessage,
        int baselineRecords,
        int warmUpArticles,
        int maxRateArticles,
        int fixedRate,
        int fixedRateSeconds,
        int smallSubscriptions,
        int largeSubscriptions,
        int apiSubscriptions,
        int apiClients,
        double hotShare,
        int drainSeconds,
        int feeds,
        int feedHosts,
        int feedsViaOpml,
        int feedSeconds,
        double feedChangeShare,
        List<String> jvmOptions,
        long seed) {

    static BenchConfig fromSystemProperties() {
        return new BenchConfig(
                integer("partitions", 12),
                Boolean.parseBoolean(text("kafka.flushEveryMessage", "false")),
                integer("baseline.records", 50_000),
                integer("warmUp.articles", 1_000),
                integer("maxRate.articles", 3_000),
                integer("fixedRate", 200),
                integer("fixedRate.seconds", 30),
                integer("subscriptions.small", 10_000),
                integer("subscriptions.large", 100_000),
                integer("subscriptions.api", 1_000),
                integer("subscriptions.apiClients", 4),
                decimal("subscriptions.hotShare", 0.05),
                integer("drain.seconds", 120),
                integer("feeds", 10_000),
                integer("feeds.hosts", 250),
                integer("feeds.opml", 200),
                integer("feeds.seconds", 150),
                decimal("feeds.changeShare", 0.05),
                List.of(text("jvmOptions", String.join(" ", ServiceProcess.OPERATOR_JVM_OPTIONS)).trim().split("\\s+")),
                Long.parseLong(text("seed", "20261128")));
    }

    private static String text(String name, String fallback) {
        String value = System.getProperty("dyad.bench." + name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }

    private static double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, String.valueOf(fallback)));
    }
}
