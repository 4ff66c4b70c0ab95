package dev.ferry.api;

import java.io.IOException;

/**
 * Fails a {@link Sink#send} stage when the batch cannot be sent as it is and sending it again unchanged would fail
 * the same way, but the sink cannot tell which entries are at fault (an encoder that gave up on the batch, a
 * server that refuses a whole request for one bad reading in it).
 *
 * <p>The runtime then narrows the batch down, sending smaller and smaller parts of it, until it has found the entries
 * that fail on their own; those are treated as refused with this {@link #refusal()}, and every other entry is
 * delivered. A {@link RuntimeException} thrown by {@code send}, or one a stage fails with, is treated the same way.
 */
public final class UnsendableBatchException extends IOException {

    private final Refusal refusal;

    public UnsendableBatchException(Refusal refusal) {
        super(refusal.reason());
        this.refusal = refusal;
    }

    public UnsendableBatchException(Refusal refusal, Throwable cause) {
        super(refusal.reason(), cause);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
