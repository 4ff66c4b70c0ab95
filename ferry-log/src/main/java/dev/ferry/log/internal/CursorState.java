package dev.ferry.log.internal;

import java.io.IOException;

/**
 * The acknowledged position of one open cursor, shared between the sink's thread (which acks) and the writer
 * thread (which persists it periodically and decides from it which segments may go).
 */
public final class CursorState {

    private final String name;
    private final CursorFile file;
    private final CursorRegistry registry;
    private volatile long committedSeq;
    private long persistedSeq;
    private boolean closed;

    CursorState(String name, CursorFile file, long committedSeq, CursorRegistry registry) {
        this.name = name;
        this.file = file;
        this.registry = registry;
        this.committedSeq = committedSeq;
        this.persistedSeq = committedSeq;
    }

    public String name() {
        return name;
    }

    public long committedSeq() {
        return committedSeq;
    }

    /** Moves the acknowledged position forward (never back). Called by the cursor's own thread only. */
    public void advance(long nextUnacked) {
        if (nextUnacked > committedSeq) {
            committedSeq = nextUnacked;
        }
    }

    /** Writes the acknowledged position if it moved since the last write. */
    public synchronized void persist() throws IOException {
        if (closed) {
            return;
        }
        long seq = committedSeq;
        if (seq != persistedSeq) {
            file.write(seq);
            persistedSeq = seq;
            registry.persisted(name, seq);
        }
    }

    public synchronized void close(boolean persistFirst) throws IOException {
        if (closed) {
            return;
        }
        try {
            if (persistFirst) {
                persist();
            }
        } finally {
            closed = true;
            file.close();
            registry.closed(this);
        }
    }
}
