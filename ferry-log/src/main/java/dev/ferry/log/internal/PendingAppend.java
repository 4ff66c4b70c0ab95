package dev.ferry.log.internal;

import dev.ferry.api.Reading;
import dev.ferry.log.SeqRange;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One {@code append} call waiting for its group commit. */
public final class PendingAppend {

    private final List<Reading> readings;
    private final CompletableFuture<SeqRange> future = new CompletableFuture<>();
    private long firstSeq;

    PendingAppend(List<Reading> readings) {
        this.readings = readings;
    }

    List<Reading> readings() {
        return readings;
    }

    public CompletableFuture<SeqRange> future() {
        return future;
    }

    /** Set by the writer while encoding: the seq its first reading got in the current attempt. */
    void assignedFrom(long seq) {
        firstSeq = seq;
    }

    void complete() {
        future.complete(new SeqRange(firstSeq, firstSeq + readings.size() - 1));
    }

    void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
