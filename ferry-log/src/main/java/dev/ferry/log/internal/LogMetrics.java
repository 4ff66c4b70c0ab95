package dev.ferry.log.internal;

import dev.ferry.api.GapReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters since the log was opened. Thread-safe. */
public final class LogMetrics {

    private final LongAdder appended = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final Map<GapReason, AtomicLong> evicted = new EnumMap<>(GapReason.class);
    private final AtomicLong corruptions = new AtomicLong();
    private final AtomicLong diskFullEvents = new AtomicLong();
    private volatile long recoveryScannedBytes;

    public LogMetrics() {
        for (GapReason reason : GapReason.values()) {
            evicted.put(reason, new AtomicLong());
        }
    }

    public void committed(long readings) {
        appended.add(readings);
        commits.increment();
    }

    public void evicted(GapReason reason, long readings) {
        evicted.get(reason).addAndGet(readings);
    }

    public void corruptionFound() {
        corruptions.incrementAndGet();
    }

    public void diskFull() {
        diskFullEvents.incrementAndGet();
    }

    public void recoveryScanned(long bytes) {
        recoveryScannedBytes = bytes;
    }

    public long appended() {
        return appended.sum();
    }

    public long commits() {
        return commits.sum();
    }

    public Map<GapReason, Long> evicted() {
        Map<GapReason, Long> copy = new EnumMap<>(GapReason.class);
        evicted.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }

    public long corruptions() {
        return corruptions.get();
    }

    public long diskFullEvents() {
        return diskFullEvents.get();
    }

    public long recoveryScannedBytes() {
        return recoveryScannedBytes;
    }
}
