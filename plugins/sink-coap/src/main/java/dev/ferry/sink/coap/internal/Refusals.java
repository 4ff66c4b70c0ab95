package dev.ferry.sink.coap.internal;

import dev.ferry.api.StoredReading;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code quarantine} answer to a 4.xx: the refused request's readings go to the {@link Quarantine}, and the sink
 * fails the batch with a {@link dev.ferry.api.RejectedBatchException} so that the runner moves on, counts them and
 * reports the sink DEGRADED. The description is the same for every refusal with the same answer, so a server that
 * refuses every request is logged once. Thread-safe.
 */
public final class Refusals {

    private final Quarantine quarantine;
    private final Clock clock;
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong notKept = new AtomicLong();

    public Refusals(Quarantine quarantine, Clock clock) {
        this.quarantine = quarantine;
        this.clock = clock;
    }

    /**
     * Sets the part's entries aside and completes with a description of what happened to them; the stage fails only
     * when they could not be written and the quarantine is not full, so that nothing is skipped without a trace.
     */
    public CompletableFuture<String> setAside(Refusal refusal, Part part) {
        boolean written;
        try {
            written = quarantine.keep(refusal, part.entries(), clock.instant());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException(refusal.getMessage() + "; cannot set the refused readings"
                    + " aside in " + quarantine.file() + " (" + e.getMessage() + "), so they are sent again", e));
        }
        long readings = part.entries().stream().filter(StoredReading.class::isInstance).count();
        refusals.incrementAndGet();
        (written ? kept : notKept).addAndGet(readings);
        return CompletableFuture.completedFuture(refusal.getMessage() + "; "
                + (written ? "set aside in " + quarantine.file() : "not kept, as " + quarantine.file() + " is full"));
    }

    /** Requests refused with a 4.xx and skipped. */
    public long refusals() {
        return refusals.get();
    }

    /** Readings written to the quarantine file. */
    public long keptReadings() {
        return kept.get();
    }

    /** Readings refused after the quarantine file was full: counted, not kept. */
    public long skippedReadings() {
        return notKept.get();
    }
}
