package dev.ferry.runtime.schedule;

import dev.ferry.api.Nullable;
import java.time.Instant;

/**
 * What one source has done since it started, for metrics. All counts only grow.
 *
 * @param reads polls started (for a streaming source: calls to {@code emit})
 * @param readings readings handed to the log
 * @param transientErrors reads that failed with an I/O error or an unexpected exception, and failed starts of a
 *     streaming source (timeouts and skips are counted apart)
 * @param timeouts reads abandoned at their deadline
 * @param malformed reads or frames that returned data that made no sense
 * @param skipped scheduled reads not made because the previous read was still running past its deadline
 * @param appendFailures batches of readings the log refused (a stopped or failing log)
 * @param quarantines times the source was quarantined for a run of malformed data
 * @param lastReadingTime the measured time of the newest reading handed to the log; null before the first
 */
public record SourceStats(long reads, long readings, long transientErrors, long timeouts, long malformed, long skipped,
        long appendFailures, long quarantines, @Nullable Instant lastReadingTime) {

    /** The counts alone, for comparing what two sources did regardless of when. */
    public SourceStats counts() {
        return new SourceStats(reads, readings, transientErrors, timeouts, malformed, skipped, appendFailures, quarantines, null);
    }
}
