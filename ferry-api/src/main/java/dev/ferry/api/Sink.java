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
 */
public interface Sink extends AutoCloseable {

    /** Connects or opens the destination. A failure is retried with backoff. */
    void open() throws IOException;

    /** Sends a batch of entries (readings and gaps, in log order). */
    CompletionStage<Void> send(Batch batch);

    /** The largest batch this sink wants, in entries. */
    default int maxBatchSize() {
        return 512;
    }

    @Override
    void close();
}
