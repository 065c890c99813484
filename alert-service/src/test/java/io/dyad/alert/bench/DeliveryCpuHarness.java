package io.dyad.alert.bench;

import com.sun.net.httpserver.HttpServer;
import io.dyad.alert.delivery.DeliveryOutcome;
import io.dyad.alert.delivery.WebhookSender;
import io.dyad.alert.delivery.WebhookSignature;
import io.dyad.alert.egress.HostResolver;
import io.dyad.alert.egress.SsrfGuard;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU per webhook delivery of {@link WebhookSender} (the hot path of alert-service): {@code threads} senders (the
 * worker's default concurrency, 8) each POST signed ~1.5 KB alerts to a local receiver that answers 204, first a
 * warm-up, then the measured rounds. It prints, per delivery, the CPU of the sending side (every Java thread except
 * the receiver's: the callers and whatever threads the HTTP client runs) and of the whole process (receiver and GC
 * included; the receiver is the same in every run), next to wall time and the load average, because wall time on a
 * shared machine mostly measures waiting for a core. Not a test: run by hand (see alert-service/README.md).
 *
 * <p>Arguments: {@code [deliveries per round] [rounds] [threads]}, default 5000 5 8.
 */
public final class DeliveryCpuHarness {

    private static final String RECEIVER_THREAD = "cpu-receiver-";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DeliveryCpuHarness() {
    }

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;

        AtomicInteger receiverThreads = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        receiver.setExecutor(Executors.newFixedThreadPool(4,
                r -> new Thread(r, RECEIVER_THREAD + receiverThreads.incrementAndGet())));
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/bench";

        WebhookSender sender = new WebhookSender(new SsrfGuard(true, HostResolver.SYSTEM), Duration.ofSeconds(15),
                Clock.systemUTC());
        byte[] body = ("{\"id\":\"bench\",\"article\":{\"title\":\"" + "x".repeat(1400) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        List<String> secrets = List.of(WebhookSignature.newSecret());
        ExecutorService callers = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, "cpu-sender-" + r.hashCode()));

        System.out.printf("warm-up: %d deliveries%n", perRound);
        run(callers, sender, url, secrets, body, perRound, threads);
        for (int round = 1; round <= rounds; round++) {
            String loadBefore = loadAverage();
            long processBefore = processCpuNanos();
            Map<Long, Long> threadsBefore = threadCpu();
            long wallStart = System.nanoTime();
            long failures = run(callers, sender, url, secrets, body, perRound, threads);
            long wall = System.nanoTime() - wallStart;
            long senderSide = senderSideDelta(threadsBefore, threadCpu());
            long process = processCpuNanos() - processBefore;
            System.out.printf("round %d: %d deliveries (%d failed), sender-side CPU %.1f µs/delivery, process CPU"
                    + " %.1f µs/delivery, wall %.0f ms (%.0f/s), load %s → %s%n", round, perRound, failures,
                    senderSide / 1000.0 / perRound, process / 1000.0 / perRound, wall / 1e6,
                    perRound / (wall / 1e9), loadBefore, loadAverage());
        }
        callers.shutdownNow();
        receiver.stop(0);
        System.exit(0);
    }

    private static long run(ExecutorService callers, WebhookSender sender, String url, List<String> secrets,
            byte[] body, int deliveries, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(callers.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < deliveries) {
                    DeliveryOutcome outcome = sender.send(url, "bench-" + i, secrets, body);
                    if (!(outcome instanceof DeliveryOutcome.Delivered)) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return failures.get();
    }

    /** CPU nanoseconds of every live Java thread except the receiver's, by thread id. */
    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || isReceiver(info.getThreadName())) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
            }
        }
        return cpu;
    }

    private static boolean isReceiver(String name) {
        return name.startsWith(RECEIVER_THREAD) || name.startsWith("HTTP-Dispatcher");
    }

    private static long senderSideDelta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** utime + stime of this process from /proc/self/stat, in nanoseconds (clock ticks of 10 ms on Linux). */
    private static long processCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + "/" + parts[1];
    }
}
