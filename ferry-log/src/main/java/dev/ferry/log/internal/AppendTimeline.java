package dev.ferry.log.internal;

/**
 * When readings were appended, kept in a fixed amount of memory: samples of (first seq of a commit, time), at most
 * one per interval. When the samples fill up, every other one is dropped and the interval doubles, so recent appends
 * are known to within a second and old ones to within a fraction of their age, however long an outage lasts. This
 * answers "how old is the oldest reading a sink has not had acknowledged" without reading the log. Thread-safe.
 */
final class AppendTimeline {

    private static final int CAPACITY = 2048;
    private static final long FIRST_INTERVAL_MILLIS = 1000;

    private final long[] seqs = new long[CAPACITY];
    private final long[] millis = new long[CAPACITY];
    private int size;
    private long intervalMillis = FIRST_INTERVAL_MILLIS;

    /** Readings from {@code firstSeq} on were committed at {@code nowMillis}. */
    synchronized void committed(long firstSeq, long nowMillis) {
        if (size > 0 && nowMillis - millis[size - 1] < intervalMillis) {
            return;
        }
        if (size == CAPACITY) {
            thinOut();
        }
        seqs[size] = firstSeq;
        millis[size] = nowMillis;
        size++;
    }

    private void thinOut() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            seqs[kept] = seqs[i];
            millis[kept] = millis[i];
            kept++;
        }
        size = kept;
        intervalMillis *= 2;
    }

    /**
     * The earliest time the reading {@code seq} can have been appended: the time of the last sample at or before
     * it; -1 when it is older than every sample (appended before this log was opened).
     */
    synchronized long appendedNotBefore(long seq) {
        int low = 0;
        int high = size - 1;
        long found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (seqs[mid] <= seq) {
                found = millis[mid];
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
