package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.LogEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Where a {@link SinkRunner} reads its sink's entries and records what was delivered. Used by the runner's thread
 * only. The runner acknowledges batches in exactly the order it polled them, and after a failed send rewinds, so
 * every batch not acknowledged is polled again.
 */
interface SinkCursor extends AutoCloseable {

    List<LogEntry> poll(int maxEntries, Duration maxWait) throws IOException, InterruptedException;

    /** Ends a poll that waits for readings, from another thread: the sink stops. */
    void wakeUp();

    /** The oldest polled batch not yet acknowledged was delivered. */
    void ack(Batch batch) throws IOException;

    /** A send failed: everything not acknowledged is polled again. */
    void rewind() throws IOException;

    /** The sink was opened, at start or again after a failure. */
    default void opened() throws IOException {}

    /** Persists what was acknowledged. */
    void flush() throws IOException;

    /** The first seq, in log order, that is not known to be delivered. */
    long committedSeq();

    @Override
    void close() throws IOException;
}
