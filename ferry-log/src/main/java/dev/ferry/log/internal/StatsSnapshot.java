package dev.ferry.log.internal;

import dev.ferry.api.GapReason;
import dev.ferry.log.LogStats;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Builds {@link LogStats} from the index and cursor positions; shared by the running log and the inspector. */
public final class StatsSnapshot {

    private StatsSnapshot() {}

    public record Counters(Map<GapReason, Long> evicted, long corruptions, long appended, long commits, long diskFull,
            long recoveryScannedBytes) {}

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
        cursorPositions.forEach((name, seq) -> cursors.put(name,
                new LogStats.CursorStats(seq, Math.max(0, nextSeq - seq), active.test(name), open.test(name))));
        return new LogStats(firstSeq, nextSeq, nextSeq - firstSeq, bytes, segments, oldestAge, cursors, counters.evicted(),
                counters.corruptions(), counters.appended(), counters.commits(), counters.diskFull(),
                counters.recoveryScannedBytes());
    }
}
