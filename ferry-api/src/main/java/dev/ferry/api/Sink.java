package dev.ferry.api;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * A destination for readings: a broker, a server, a file.
 *
 * <p>Threading: the runtime drives each sink from one virtual thread of its own: {@link #open()}, then
 * {@link #send} repeatedly, then {@link #close()}. The stage a send returns may complete on any thread.
 *
 * <p>Acknowledgement: the sink's cursor in the log moves past a batch only when the stage returned by
 * {@link #send} completes normally, so complete it only once the far end has the batch (an MQTT PUBACK, a CoAP
 * response, a write that returned). Complete it exceptionally to have the same batch, with the same IDs, sent
 * again after a backoff. After a restart, unacknowledged batches are sent again with the same IDs.
 *
 * <p>Refusals: when the far end refused some entries for good and took the rest, fail the stage with
 * {@link RefusedEntriesException} naming them; when the batch cannot be sent and the sink cannot tell which entries
 * are at fault, fail it with {@link UnsendableBatchException} and the runtime narrows it down. The runtime decides
 * what becomes of refused entries (a dead-letter store, or holding them in the log); a sink keeps no file of its own
 * for them. Any other failure is transient and retried.
 *
 * <p>Pipelining: up to {@link #maxBatchesInFlight()} batches may be sent before the first is acknowledged; their
 * stages may complete in any order, and the cursor still moves strictly in log order. When one fails, the runner
 * drops every batch in flight (stages completing later are ignored) and sends them all again, in order.
 *
 * <p>Recovery: after a failed send the runner calls {@link #open()} again before the next send, so a sink whose
 * connection broke re-establishes it there.
 */
public interface Sink extends AutoCloseable {

    /** Connects or opens the destination; also called again after a failed send. A failure is retried with backoff. */
    void open() throws IOException;

    /** Sends a batch of entries (readings and gaps, in log order). */
    CompletionStage<Void> send(Batch batch);

    /** The largest batch this sink wants, in entries. */
    default int maxBatchSize() {
        return 512;
    }

    /** How many batches may be unacknowledged at once; 1 sends a batch only after the previous one was acknowledged. */
    default int maxBatchesInFlight() {
        return 1;
    }

    @Override
    void close();
}
