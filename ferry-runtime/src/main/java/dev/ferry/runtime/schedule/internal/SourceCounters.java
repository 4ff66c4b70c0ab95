package dev.ferry.runtime.schedule.internal;

import dev.ferry.runtime.schedule.SourceStats;
import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** The live counts behind {@link SourceStats}; written by the source's threads, read by metrics. */
final class SourceCounters {

    final LongAdder reads = new LongAdder();
    final LongAdder readings = new LongAdder();
    final LongAdder transientErrors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder appendFailures = new LongAdder();
    final LongAdder quarantines = new LongAdder();
    /** The measured time of the newest reading handed to the log. */
    volatile @Nullable Instant lastReadingTime;
    /**
     * The newest batch handed to the log, kept by reference (the list is not changed after the append), so that
     * showing a source's latest values costs one field write per batch and no reading of the log.
     */
    volatile List<Reading> lastReadings = List.of();

    SourceStats snapshot() {
        return new SourceStats(reads.sum(), readings.sum(), transientErrors.sum(), timeouts.sum(), malformed.sum(),
                skipped.sum(), appendFailures.sum(), quarantines.sum(),
                lastReadingTime);
    }
}
