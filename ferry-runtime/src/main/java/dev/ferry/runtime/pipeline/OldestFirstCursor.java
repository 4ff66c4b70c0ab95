package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.LogEntry;
import dev.ferry.log.LogCursor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The plain order: one cursor through the log, oldest entry first. */
final class OldestFirstCursor implements SinkCursor {

    private final LogCursor cursor;

    OldestFirstCursor(LogCursor cursor) {
        this.cursor = cursor;
    }

    @Override
    public void wakeUp() {
        cursor.wakeUp();
    }

    @Override
    public List<LogEntry> poll(int maxEntries, Duration maxWait) throws IOException, InterruptedException {
        return cursor.poll(maxEntries, maxWait);
    }

    @Override
    public void ack(Batch batch) {
        cursor.ack(batch.lastSeq());
    }

    @Override
    public void rewind() {
        cursor.rewind();
    }

    @Override
    public void flush() throws IOException {
        cursor.flush();
    }

    @Override
    public long committedSeq() {
        return cursor.committedSeq();
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }
}
