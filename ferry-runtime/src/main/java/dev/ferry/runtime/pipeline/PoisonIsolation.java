package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;

/**
 * Narrows down a batch that failed with a deterministic error (the sink could not send it, or threw) to the entries
 * that fail on their own. The failed batch's range becomes suspect; it is sent again in parts of half the size, one
 * part at a time; a part that fails is halved again, down to single entries, which are then refused; a part that
 * is delivered lets the next part grow back, doubling up to the normal batch size. Past the suspect range, normal
 * sending resumes. Finding one poison in a batch of n costs about 2 log2(n) sends, and every other entry is
 * delivered. Used by the runner's thread only.
 */
final class PoisonIsolation {

    private long suspectLast = -1;
    private int partSize;

    boolean active() {
        return suspectLast >= 0;
    }

    /** The most entries to poll for the next batch. */
    int batchLimit(int normal) {
        return active() ? partSize : normal;
    }

    /** How many batches may be in flight: while narrowing down, one, so a failure is always the oldest batch's. */
    int window(int normal) {
        return active() ? 1 : normal;
    }

    /** {@code batch}, of more than one entry, failed deterministically: send it again in halves. */
    void narrow(Batch batch) {
        suspectLast = Math.max(suspectLast, batch.lastSeq());
        partSize = Math.max(1, batch.size() / 2);
    }

    /** {@code batch} is done with (delivered, or its entries refused): grow the next part, or end when past the range. */
    void passed(Batch batch, int normal) {
        if (!active()) {
            return;
        }
        if (batch.lastSeq() >= suspectLast) {
            suspectLast = -1;
            partSize = 0;
        } else {
            partSize = Math.min(normal, partSize * 2);
        }
    }
}
