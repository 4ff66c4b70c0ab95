package dev.ferry.bench.count;

import dev.ferry.api.Nullable;
import java.time.Clock;
import java.util.BitSet;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * What a subscriber received, counted by reading: each reading is known by its log sequence number, so a reading that
 * arrives twice (a re-send after a lost acknowledgement) counts once, and the run is complete only when every
 * sequence number of the expected range {@code [firstSeq, firstSeq + expected)} has arrived. Readings outside the range
 * (sent after the backlog, or a warm-up) are counted apart. Safe to call from any thread.
 */
public final class ReadingTally {

    /**
     * The counts at one moment. Times are wall-clock milliseconds; the elapsed seconds run from the first message with
     * an expected reading to the one that completed the range (or the last one, when incomplete).
     */
    public record Snapshot(long messages, long readingMessages, long expectedMessages, long readings, long unique,
            long duplicates, long outside, long payloadBytes, long readingPayloadBytes, long firstMessageMillis,
            long lastMessageMillis, long completeMillis, double elapsedSeconds, boolean complete,
            @Nullable String sampleTarget) {

        public double readingsPerSecond() {
            return elapsedSeconds > 0 ? unique / elapsedSeconds : 0;
        }

        public double messagesPerSecond() {
            return elapsedSeconds > 0 ? expectedMessages / elapsedSeconds : 0;
        }

        public String asProperties() {
            return String.format(Locale.ROOT, """
                    complete=%s
                    messages=%d
                    readingMessages=%d
                    expectedMessages=%d
                    readings=%d
                    unique=%d
                    duplicates=%d
                    outside=%d
                    payloadBytes=%d
                    meanPayloadBytes=%.1f
                    firstMessageMillis=%d
                    lastMessageMillis=%d
                    completeMillis=%d
                    seconds=%.3f
                    readingsPerSecond=%.0f
                    messagesPerSecond=%.0f
                    sampleTarget=%s
                    """, complete, messages, readingMessages, expectedMessages, readings, unique, duplicates, outside,
                    payloadBytes, readingMessages > 0 ? (double) readingPayloadBytes / readingMessages : 0, firstMessageMillis,
                    lastMessageMillis, completeMillis, elapsedSeconds, readingsPerSecond(), messagesPerSecond(),
                    sampleTarget == null ? "" : sampleTarget);
        }
    }

    private final long firstSeq;
    private final long expected;
    private final BitSet seen;
    private final Clock clock;
    private final CountDownLatch completed = new CountDownLatch(1);

    private long messages;
    private long readingMessages;
    private long expectedMessages;
    private long readings;
    private long unique;
    private long duplicates;
    private long outside;
    private long payloadBytes;
    private long readingPayloadBytes;
    private long firstNanos = -1;
    private long firstMillis;
    private long lastNanos;
    private long lastMillis;
    private long completeNanos = -1;
    private long completeMillis;
    private @Nullable String sampleTarget;

    /** {@code expected} 0: no range to complete; every reading counts as unique. */
    public ReadingTally(long firstSeq, long expected, Clock clock) {
        if (expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " readings can be expected, was " + expected);
        }
        this.firstSeq = firstSeq;
        this.expected = expected;
        this.seen = new BitSet((int) expected);
        this.clock = clock;
    }

    /**
     * One message arrived, carrying {@code readingsInIt} readings (already passed to {@link #reading}), of which
     * {@code expectedInIt} in the expected range. The clock starts at the first message with an expected reading, so a
     * warm-up before the range does not count.
     */
    public synchronized void message(String target, int bytes, int readingsInIt, int expectedInIt) {
        long now = System.nanoTime();
        lastNanos = now;
        lastMillis = clock.millis();
        if (firstNanos < 0 && expectedInIt > 0) {
            firstNanos = now;
            firstMillis = lastMillis;
        }
        messages++;
        payloadBytes += bytes;
        if (readingsInIt > 0) {
            readingMessages++;
            readingPayloadBytes += bytes;
            if (sampleTarget == null) {
                sampleTarget = target;
            }
        }
        if (expectedInIt > 0) {
            expectedMessages++;
        }
        if (completeNanos < 0 && expected > 0 && unique == expected) {
            completeNanos = now;
            completeMillis = lastMillis;
            completed.countDown();
        }
    }

    /** Counts one reading; returns whether it is in the expected range (always, when only counting). */
    public synchronized boolean reading(long seq) {
        readings++;
        long offset = seq - firstSeq;
        if (expected == 0) {
            unique++; // only counting: no range, so no check for repeats either
            return true;
        } else if (offset < 0 || offset >= expected) {
            outside++;
            return false;
        } else if (seen.get((int) offset)) {
            duplicates++;
        } else {
            seen.set((int) offset);
            unique++;
        }
        return true;
    }

    public CountDownLatch completed() {
        return completed;
    }

    public synchronized Snapshot snapshot() {
        boolean complete = completeNanos >= 0;
        long endNanos = complete ? completeNanos : lastNanos;
        double elapsed = firstNanos < 0 ? 0 : (endNanos - firstNanos) / 1e9;
        return new Snapshot(messages, readingMessages, expectedMessages, readings, unique, duplicates, outside, payloadBytes,
                readingPayloadBytes, firstMillis, lastMillis, completeMillis, elapsed, complete, sampleTarget);
    }
}
