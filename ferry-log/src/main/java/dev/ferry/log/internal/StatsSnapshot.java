package dev.ferry.log.internal;

import dev.ferry.api.GapReason;
import dev.ferry.api.Nullable;
import dev.ferry.log.Histogram;
import dev.ferry.log.LogStats;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

/** Builds {@link LogStats} from the index and cursor positions; shared by the running log and the inspector. */
public final class StatsSnapshot {

    private StatsSnapshot() {}

    /**
     * @param appendedNotBefore the earliest time a seq can have been appended, in millis; -1 when not known
     */
    public record Counters(Map<GapReason, Long> evicted, long corruptions, long appended, long commits, long diskFull,
            long recoveryScannedBytes, Histogram commitSeconds, Histogram commitReadings, LongUnaryOperator appendedNotBefore) {

        /** What a log read offline knows: no commits since open, append times only by segment. */
        public static Counters offline(Map<GapReason, Long> evicted, long corruptions, long recoveryScannedBytes) {
            Histogram none = new HistogramRecorder().snapshot();
            return new Counters(evicted, corruptions, 0, 0, 0, recoveryScannedBytes, none, none, seq -> -1);
        }
    }

    public static LogStats of(SegmentIndex index, Map<String, Long> cursorPositions, Predicate<String> active,
            Predicate<String> open, long nowMillis, Counters counters) {
        long nextSeq = index.commitPoint().nextSeq();
        long firstSeq = Math.min(index.firstSeq(), nextSeq);
        long bytes = 0;
        int segments = 0;
        for (Segment s : index.all()) {
            SegmentIndex.Extent extent = index.extent(s);
            if (extent.sealed() || s == index.commitPoint().active()) {
                bytes += extent.size();
                segments++;
            }
        }
        Duration oldestAge = null;
        Segment oldest = index.oldest();
        if (oldest != null && nextSeq > firstSeq) {
            oldestAge = Duration.ofMillis(Math.max(0, nowMillis - oldest.createdAtMillis()));
        }
        Map<String, LogStats.CursorStats> cursors = new TreeMap<>();
        cursorPositions.forEach((name, seq) -> cursors.put(name, new LogStats.CursorStats(seq, Math.max(0, nextSeq - seq),
                active.test(name), open.test(name), oldestUnsentAge(index, Math.max(seq, firstSeq), nextSeq, nowMillis, counters))));
        return new LogStats(firstSeq, nextSeq, nextSeq - firstSeq, bytes, segments, oldestAge, cursors, counters.evicted(),
                counters.corruptions(), counters.appended(), counters.commits(), counters.diskFull(),
                counters.recoveryScannedBytes(), counters.commitSeconds(), counters.commitReadings());
    }

    private static @Nullable Duration oldestUnsentAge(SegmentIndex index, long seq, long nextSeq, long nowMillis, Counters counters) {
        if (seq >= nextSeq) {
            return null;
        }
        long appended = counters.appendedNotBefore().applyAsLong(seq);
        if (appended < 0) {
            Segment segment = index.floor(seq);
            if (segment == null) {
                segment = index.oldest();
            }
            if (segment == null) {
                return null;
            }
            appended = segment.createdAtMillis();
        }
        return Duration.ofMillis(Math.max(0, nowMillis - appended));
    }
}
