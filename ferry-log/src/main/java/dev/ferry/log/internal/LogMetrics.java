package dev.ferry.log.internal;

import dev.ferry.api.GapReason;
import dev.ferry.log.Histogram;
import java.time.Clock;
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

    private final Clock clock;
    private final AppendTimeline appends = new AppendTimeline();

    public LogMetrics(Clock clock) {
        this.clock = clock;
        for (GapReason reason : GapReason.values()) {
            evicted.put(reason, new AtomicLong());
        }
    }

    /** Seconds a group commit takes, write and fsync: a quiet disk takes well under a millisecond, an SD card far more. */
    private final HistogramRecorder commitSeconds = new HistogramRecorder(
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5);
    /** Readings in a group commit. */
    private final HistogramRecorder commitReadings = new HistogramRecorder(1, 4, 16, 64, 256, 1024, 4096, 16384);

    /** A group commit of {@code readings} from {@code firstSeq} on took {@code nanos}. */
    public void committed(long firstSeq, long readings, long nanos) {
        appends.committed(firstSeq, clock.millis());
        appended.add(readings);
        commits.increment();
        commitSeconds.record(nanos / 1e9);
        commitReadings.record(readings);
    }

    /** The earliest time reading {@code seq} can have been appended; -1 when it was before the log was opened. */
    public long appendedNotBefore(long seq) {
        return appends.appendedNotBefore(seq);
    }

    public Histogram commitSeconds() {
        return commitSeconds.snapshot();
    }

    public Histogram commitReadings() {
        return commitReadings.snapshot();
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
