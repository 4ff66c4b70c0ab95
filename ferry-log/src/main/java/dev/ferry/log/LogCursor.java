package dev.ferry.log;

import dev.ferry.api.LogEntry;
import dev.ferry.log.internal.CursorReader;
import dev.ferry.log.internal.CursorState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One sink's position in the log. Entries are read from the read position, which starts at {@link #committedSeq()}
 * (the first seq the sink has not acknowledged) and moves on with every {@link #poll}. The sink calls
 * {@link #ack} once its peer confirmed delivery, and {@link #rewind} when a send failed, to re-send the same IDs.
 *
 * <p>The acknowledged position is persisted every {@code log.cursor_flush_interval}, on {@link #flush} and on close;
 * after a crash the sink resumes from the last persisted position, so it re-sends at most what it acknowledged
 * since then and never skips a reading.
 *
 * <p>Used by one thread at a time.
 */
public final class LogCursor implements AutoCloseable {

    private final DurableLog log;
    private final CursorState state;
    private final CursorReader reader;
    private long delivered;
    private volatile boolean closed;

    LogCursor(DurableLog log, CursorState state, CursorReader reader) {
        this.log = log;
        this.state = state;
        this.reader = reader;
        this.delivered = reader.readSeq();
    }

    public String name() {
        return state.name();
    }

    /** The next seq not yet acknowledged. */
    public long committedSeq() {
        return state.committedSeq();
    }

    /**
     * The next entries after the read position: {@link dev.ferry.api.StoredReading}s, and a {@link dev.ferry.api.Gap}
     * wherever readings were evicted or found damaged. Waits up to {@code maxWait} for at least one; returns an
     * empty list on timeout or once the log is closed. Only returns committed (fsync'd) entries.
     */
    public List<LogEntry> poll(int maxEntries, Duration maxWait) throws IOException, InterruptedException {
        ensureOpen();
        if (log.isClosed()) {
            return List.of();
        }
        List<LogEntry> entries = reader.poll(maxEntries, maxWait);
        delivered = Math.max(delivered, reader.readSeq());
        return entries;
    }

    /**
     * Ends a {@link #poll} that is waiting, with what it has (nothing), so that a sink that stops does not wait out
     * its poll. Other cursors' waits end too; they find nothing new and poll again. Safe from any thread.
     */
    public void wakeUp() {
        reader.wakeUp();
    }

    /**
     * Acknowledges every entry up to and including {@code lastSeqInclusive}. Acknowledging an older seq again is
     * harmless; acknowledging one never polled is a bug in the sink and throws.
     */
    public void ack(long lastSeqInclusive) {
        ensureOpen();
        long next = lastSeqInclusive + 1;
        if (next > delivered) {
            throw new IllegalArgumentException("cursor \"" + name() + "\": cannot acknowledge seq " + lastSeqInclusive
                    + ", only seqs below " + delivered + " were delivered");
        }
        if (next <= state.committedSeq()) {
            return;
        }
        state.advance(next);
        reader.forgetBefore(next);
        if (reader.readSeq() < next) {
            reader.seek(next);
        }
        log.cursorAdvanced();
    }

    /** The seq the next {@link #poll} starts from. */
    public long readSeq() {
        return reader.readSeq();
    }

    /**
     * Moves the acknowledged position forward to {@code nextSeq} without delivering what lies before it: for a sink
     * that delivered that part through another cursor. No effect when the cursor is already there or beyond.
     *
     * @throws IllegalArgumentException when {@code nextSeq} is beyond the newest committed reading
     */
    public void skipTo(long nextSeq) {
        ensureOpen();
        if (nextSeq > log.nextSeq()) {
            throw new IllegalArgumentException("cursor \"" + name() + "\": cannot skip to seq " + nextSeq
                    + ", the log ends at " + log.nextSeq());
        }
        if (nextSeq <= state.committedSeq()) {
            return;
        }
        state.advance(nextSeq);
        reader.forgetBefore(nextSeq);
        if (reader.readSeq() < nextSeq) {
            reader.seek(nextSeq);
        }
        delivered = Math.max(delivered, nextSeq);
        log.cursorAdvanced();
    }

    /** Moves the read position back to {@link #committedSeq()}: the next poll re-delivers the same IDs. */
    public void rewind() {
        ensureOpen();
        reader.seek(state.committedSeq());
    }

    /** Persists the acknowledged position now. */
    public void flush() throws IOException {
        ensureOpen();
        state.persist();
    }

    /** Persists the acknowledged position and releases the cursor; it may be opened again. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
        } finally {
            try {
                state.close(true);
            } finally {
                log.closed(this);
            }
        }
    }

    /** Releases the cursor without persisting its position (a simulated crash). */
    void abandon() throws IOException {
        closed = true;
        try {
            reader.close();
        } finally {
            state.close(false);
            log.closed(this);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cursor \"" + name() + "\" is closed");
        }
    }
}
