package io.dyad.alert.delivery;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most one message per interval per channel URL (Slack allows one per second per incoming webhook). Each caller
 * reserves the next free slot and sleeps until it, so parallel workers queue up instead of being refused with 429.
 */
public final class ChannelPacer {

    private final long intervalNanos;
    private final ConcurrentMap<String, Long> nextSlot = new ConcurrentHashMap<>();

    public ChannelPacer(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Blocks until this URL may be sent to again. */
    public void await(String url) throws InterruptedException {
        long now = System.nanoTime();
        long slot = nextSlot.compute(url, (k, next) -> next == null || next - now < 0 ? now + intervalNanos
                : next + intervalNanos) - intervalNanos;
        long waitNanos = slot - now;
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
