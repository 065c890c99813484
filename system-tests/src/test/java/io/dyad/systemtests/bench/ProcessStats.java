package io.dyad.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time and memory of a process (or a process tree, for PostgreSQL's postmaster and its backends) read from
 * /proc. CPU is utime + stime in clock ticks (USER_HZ = 100 on Linux); memory is VmRSS for a JVM and the sum of Pss
 * over the tree for PostgreSQL, whose backends share their buffers (summing RSS would count them many times).
 */
final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0;

    /** A point-in-time reading: total CPU seconds used so far and resident memory in MB. */
    record Reading(double cpuSeconds, double memoryMb) {
    }

    private final String name;
    private final Supplier<List<Long>> pids;
    private final boolean proportional;

    private ProcessStats(String name, Supplier<List<Long>> pids, boolean proportional) {
        this.name = name;
        this.pids = pids;
        this.proportional = proportional;
    }

    static ProcessStats jvm(String name, long pid) {
        return new ProcessStats(name, () -> List.of(pid), false);
    }

    /** The postmaster and all its children at the time of each reading (backends come and go). */
    static ProcessStats tree(String name, long rootPid) {
        return new ProcessStats(name, () -> withChildren(rootPid), true);
    }

    String name() {
        return name;
    }

    Reading read() {
        double ticks = 0;
        double kb = 0;
        for (long pid : pids.get()) {
            ticks += cpuTicks(pid);
            kb += proportional ? smapsRollup(pid, "Pss:") : status(pid, "VmRSS:");
        }
        return new Reading(ticks / TICKS_PER_SECOND, kb / 1024.0);
    }

    /** CPU seconds the whole machine has spent busy (all cores, every process, not only ours), from /proc/stat. */
    static double machineBusySeconds() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse("cpu").trim().split("\\s+");
            double busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not busy
                    busy += Double.parseDouble(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU seconds of a JVM's threads grouped by kind (thread names with their numbers removed: "C2 CompilerThread",
     * "VM Thread" (the serial collector runs there), "java" (the main thread), "executor-thread#" …), from /proc/pid/task: what a start
     * spends its CPU on.
     */
    static Map<String, Double> cpuByThreadKind(long pid) {
        Map<String, Double> byKind = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Double.parseDouble(f[11]) + Double.parseDouble(f[12])) / TICKS_PER_SECOND;
                    byKind.merge(comm.replaceAll("[-0-9]+$", "#").replaceAll("-[0-9]+-", "-#-"), seconds,
                            Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread has ended
                }
            });
        } catch (IOException e) {
            // the process has gone
        }
        return byKind;
    }

    private static List<Long> withChildren(long root) {
        List<Long> out = new ArrayList<>();
        out.add(root);
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> parentOf(pid) == root).forEach(out::add);
        } catch (IOException e) {
            // /proc unreadable: the root alone
        }
        return out;
    }

    private static long parentOf(long pid) {
        String[] fields = statFields(pid);
        return fields.length > 1 ? Long.parseLong(fields[1]) : -1;
    }

    /** Fields of /proc/pid/stat after the command name (which may hold spaces): [0] = state, [1] = ppid, … */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0]; // the process has gone
        }
    }

    private static double cpuTicks(long pid) {
        String[] fields = statFields(pid);
        // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after the command name
        return fields.length > 12 ? Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]) : 0;
    }

    private static double status(long pid, String key) {
        return keyedKb(Path.of("/proc", String.valueOf(pid), "status"), key);
    }

    private static double smapsRollup(long pid, String key) {
        return keyedKb(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), key);
    }

    private static double keyedKb(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Double.parseDouble(l.substring(key.length()).trim().split("\\s+")[0])).orElse(0.0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
