package dev.ferry.runtime.pipeline;

import dev.ferry.api.Nullable;
import java.util.EnumMap;
import java.util.Map;

/** Every reload's outcome counted by result, and the last one, for metrics and status. Thread-safe. */
public final class Reloads {

    private final Map<ReloadOutcome.Result, Long> counts = new EnumMap<>(ReloadOutcome.Result.class);
    private @Nullable ReloadOutcome last;

    synchronized void record(ReloadOutcome outcome) {
        counts.merge(outcome.result(), 1L, Long::sum);
        last = outcome;
    }

    /** Reloads by result, every result present. */
    public synchronized Map<ReloadOutcome.Result, Long> counts() {
        Map<ReloadOutcome.Result, Long> all = new EnumMap<>(ReloadOutcome.Result.class);
        for (ReloadOutcome.Result result : ReloadOutcome.Result.values()) {
            all.put(result, counts.getOrDefault(result, 0L));
        }
        return all;
    }

    /** The newest reload's outcome; null before the first. */
    public synchronized @Nullable ReloadOutcome last() {
        return last;
    }
}
