package dev.ferry.log;

import dev.ferry.api.GapReason;
import dev.ferry.api.Nullable;
import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of the log for health, metrics and {@code ferry log stats}.
 *
 * @param firstSeq oldest seq still held
 * @param nextSeq seq after the newest committed reading
 * @param retainedReadings readings held ({@code nextSeq - firstSeq}, damaged ones included)
 * @param bytes bytes of segment files on disk
 * @param segments number of segment files
 * @param oldestEntryAge how long ago the oldest held reading was appended, at most (segment granularity); null when empty
 * @param cursors each known cursor by sink name
 * @param evictedReadings readings lost per reason: since open for a running log; from the eviction journal offline
 * @param corruptionsFound damaged ranges found (each may hold several readings; see {@code evictedReadings} for those)
 * @param appendedReadings readings committed since open
 * @param commits group commits (fsyncs) since open
 * @param diskFullEvents writes that failed for lack of disk space since open
 * @param recoveryScannedBytes bytes of records read at open to find the end of the log (only the last segment)
 * @param commitSeconds how long group commits (write and fsync) took, since open
 * @param commitReadings readings per group commit, since open
 */
public record LogStats(long firstSeq, long nextSeq, long retainedReadings, long bytes, int segments,
        @Nullable Duration oldestEntryAge, Map<String, CursorStats> cursors, Map<GapReason, Long> evictedReadings,
        long corruptionsFound, long appendedReadings, long commits, long diskFullEvents, long recoveryScannedBytes,
        Histogram commitSeconds, Histogram commitReadings) {

    /**
     * @param committedSeq next seq the sink has not acknowledged
     * @param lag readings committed but not yet acknowledged by the sink
     * @param active whether the cursor holds back segment deletion
     * @param open whether a sink has the cursor open now
     * @param oldestUnsentAge how long ago the oldest reading the sink has not had acknowledged was appended, at most
     *     (to within a second for recent appends, within a small fraction of its age for old ones, within a segment
     *     for appends before the log was opened); null when the sink has everything
     */
    public record CursorStats(long committedSeq, long lag, boolean active, boolean open, @Nullable Duration oldestUnsentAge) {}

    public long evicted(GapReason reason) {
        return evictedReadings.getOrDefault(reason, 0L);
    }
}
