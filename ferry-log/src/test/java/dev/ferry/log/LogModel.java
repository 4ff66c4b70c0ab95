package dev.ferry.log;

import dev.ferry.api.Reading;

/** What the log should hold and where each cursor should stand, kept the simplest possible way. */
final class LogModel {

    private long nextSeq;
    private final long[] readSeq;
    private final long[] committed;
    private final long[] persisted;
    private final long[] delivered;

    LogModel(int cursors) {
        readSeq = new long[cursors];
        committed = new long[cursors];
        persisted = new long[cursors];
        delivered = new long[cursors];
    }

    long nextSeq() {
        return nextSeq;
    }

    Reading reading(long seq) {
        return TestReadings.numbered(seq);
    }

    void appended(int count) {
        nextSeq += count;
    }

    long readSeq(int c) {
        return readSeq[c];
    }

    long committed(int c) {
        return committed[c];
    }

    /** The position a crash may fall back to, at worst. */
    long persistedAtLeast(int c) {
        return persisted[c];
    }

    void polled(int c, long next) {
        readSeq[c] = next;
        delivered[c] = Math.max(delivered[c], next);
    }

    /** A seq between the acknowledged and the delivered position, or -1 if there is none. */
    long ackTarget(int c, int percent) {
        long span = delivered[c] - committed[c];
        if (span <= 0) {
            return -1;
        }
        return committed[c] + Math.max(0, span * percent / 100 - 1);
    }

    void acked(int c, long lastSeq) {
        committed[c] = Math.max(committed[c], lastSeq + 1);
        readSeq[c] = Math.max(readSeq[c], committed[c]);
    }

    void rewound(int c) {
        readSeq[c] = committed[c];
    }

    void flushed(int c) {
        persisted[c] = committed[c];
    }

    void restarted(int c, long resumedAt) {
        committed[c] = resumedAt;
        persisted[c] = resumedAt;
        readSeq[c] = resumedAt;
        delivered[c] = resumedAt;
    }
}
