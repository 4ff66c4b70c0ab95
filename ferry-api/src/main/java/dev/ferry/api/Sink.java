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
