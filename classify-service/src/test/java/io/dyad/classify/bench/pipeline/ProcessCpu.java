package io.dyad.classify.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of another process from /proc (utime + stime, in clock ticks of 10 ms): the whole process, and per thread
 * grouped by kind (the thread name with its numbers cut: "vert.x-eventloop-thread-#", "C2 CompilerThre#"). Thread
 * names are the kernel's 15-character ones.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Seconds of CPU the process has used so far (its live and ended threads). */
    static double total(long pid) {
        return seconds(read(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /** Seconds of CPU per thread kind, live threads only. */
    static Map<String, Double> byThreadKind(long pid) {
        Map<String, Double> byKind = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                String stat = read(task.resolve("stat"));
                if (!stat.isEmpty()) {
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    byKind.merge(kind(name), seconds(stat), Double::sum);
                }
            });
        } catch (IOException e) {
            // the process has gone
        }
        return byKind;
    }

    /** after − before per kind, kinds that used less than 5 ms dropped. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((kind, seconds) -> {
            double d = seconds - before.getOrDefault(kind, 0.0);
            if (d >= 0.005) {
                out.put(kind, d);
            }
        });
        return out;
    }

    static String kind(String threadName) {
        return threadName.replaceAll("[0-9]+", "#");
    }

    /** The 1-minute load average. */
    static String loadAverage() {
        String line = read(Path.of("/proc/loadavg"));
        return line.isEmpty() ? "?" : line.split(" ")[0];
    }

    private static double seconds(String stat) {
        if (stat.isEmpty()) {
            return 0;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the name: [0] state ... [11] utime, [12] stime
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // the thread or process has ended
        }
    }
}
