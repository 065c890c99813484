package io.dyad.systemtests.bench;

import io.dyad.contracts.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Once a second: how far each stage has got (records on the raw and tagged topics, offsets committed by
 * classify-service and alert-service, alerts received, alerts waiting in alert-service's outbox) and each process's
 * CPU and memory. The report's rates,
 * lag curves and CPU figures are all computed from these samples.
 */
final class Sampler implements AutoCloseable {

    record Sample(double t, String phase, long raw, long tagged, long classifyDone, long alertDone, long stored,
            long deliveries, long pending, Map<String, ProcessStats.Reading> processes, double machineBusySeconds) {

        long classifyLag() {
            return Math.max(0, raw - classifyDone);
        }

        long alertLag() {
            return Math.max(0, tagged - alertDone);
        }
    }

    private final KafkaOffsets offsets;
    private final int partitions;
    private final LongSupplier deliveries;
    private final LongSupplier stored;
    private final LongSupplier pending;
    private final List<ProcessStats> processes = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final long origin = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile String phase = "idle";

    /**
     * {@code stored}: articles alert-service has stored and matched (its commits to Kafka come in 5 s steps);
     * {@code deliveries}: alerts received; {@code pending}: alerts queued in alert-service's outbox, not yet sent.
     */
    Sampler(KafkaOffsets offsets, int partitions, LongSupplier stored, LongSupplier deliveries, LongSupplier pending) {
        this.offsets = offsets;
        this.partitions = partitions;
        this.stored = stored;
        this.deliveries = deliveries;
        this.pending = pending;
    }

    synchronized void watch(ProcessStats process) {
        processes.removeIf(p -> p.name().equals(process.name()));
        processes.add(process);
    }

    void start() {
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
    }

    void phase(String name) {
        phase = name;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a slow or restarting broker costs one sample, not the run
        }
    }

    /** Takes one sample now and returns it. */
    synchronized Sample sample() {
        Map<String, ProcessStats.Reading> readings = new LinkedHashMap<>();
        for (ProcessStats p : processes) {
            readings.put(p.name(), p.read());
        }
        Sample s = new Sample(seconds(), phase, offsets.endOffsets(Topics.ARTICLES_RAW, partitions),
                offsets.endOffsets(Topics.ARTICLES_TAGGED, partitions),
                offsets.committed("classify-service", Topics.ARTICLES_RAW),
                offsets.committed("alert-service", Topics.ARTICLES_TAGGED), stored.getAsLong(), deliveries.getAsLong(),
                pending.getAsLong(), readings, ProcessStats.machineBusySeconds());
        samples.add(s);
        return s;
    }

    double seconds() {
        return (System.nanoTime() - origin) / 1e9;
    }

    /** Seconds since the sampler started, for a System.nanoTime value. */
    double toSeconds(long nanos) {
        return (nanos - origin) / 1e9;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized List<Sample> samples(String phaseName) {
        return samples.stream().filter(s -> s.phase().equals(phaseName)).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
