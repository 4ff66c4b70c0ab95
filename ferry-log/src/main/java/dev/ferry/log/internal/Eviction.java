package dev.ferry.log.internal;

import dev.ferry.api.GapReason;

/** Committed readings {@code [firstSeq, lastSeq]} that left the log undelivered, and why. */
public record Eviction(long firstSeq, long lastSeq, GapReason reason, long atMillis) {

    public boolean covers(long seq) {
        return firstSeq <= seq && seq <= lastSeq;
    }
}
