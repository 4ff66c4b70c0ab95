package dev.ferry.runtime.schedule.internal;

import dev.ferry.runtime.schedule.SourceStats;
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

    SourceStats snapshot() {
        return new SourceStats(reads.sum(), readings.sum(), transientErrors.sum(), timeouts.sum(), malformed.sum(),
                skipped.sum(), appendFailures.sum());
    }
}
