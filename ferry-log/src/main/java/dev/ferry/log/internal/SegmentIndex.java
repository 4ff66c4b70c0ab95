package dev.ferry.log.internal;

import dev.ferry.api.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The segments the log holds, oldest first, and the commit point readers may read up to. The writer thread is the
 * only one that changes it; cursors read it from their own threads and sleep here until the next commit.
 */
public final class SegmentIndex {

    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private volatile CommitPoint commitPoint;
    private volatile long sealedBytes;
    private volatile boolean closed;
    private long wakeUps;   // guarded by lock

    public SegmentIndex(List<Segment> recovered, CommitPoint commitPoint) {
        long bytes = 0;
        for (Segment s : recovered) {
            segments.put(s.baseSeq(), s);
            bytes += s.sealed() ? s.finalSize() : 0;
        }
        segments.put(commitPoint.active().baseSeq(), commitPoint.active());
        this.sealedBytes = bytes;
        this.commitPoint = commitPoint;
    }

    /** How far one segment may be read right now. */
    public record Extent(long size, long endSeq, boolean sealed) {}

    public Extent extent(Segment segment) {
        CommitPoint point = commitPoint;
        if (point.active() == segment) {
            return new Extent(point.size(), point.nextSeq(), false);
        }
        if (segment.sealed()) {
            return new Extent(segment.finalSize(), segment.endSeq(), true);
        }
        // Created by a commit that is not published yet: nothing in it is readable.
        return new Extent(SegmentHeader.SIZE, segment.baseSeq(), false);
    }

    public CommitPoint commitPoint() {
        return commitPoint;
    }

    /** The oldest seq still held (the next seq to be committed when the log is empty). */
    public long firstSeq() {
        Map.Entry<Long, Segment> first = segments.firstEntry();
        return first == null ? commitPoint.nextSeq() : first.getKey();
    }

    /** The segment that holds or would hold {@code seq}, if still retained. */
    public @Nullable Segment floor(long seq) {
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        return e == null ? null : e.getValue();
    }

    public @Nullable Segment after(Segment segment) {
        Map.Entry<Long, Segment> e = segments.higherEntry(segment.baseSeq());
        return e == null ? null : e.getValue();
    }

    public @Nullable Segment oldest() {
        Map.Entry<Long, Segment> e = segments.firstEntry();
        return e == null ? null : e.getValue();
    }

    public List<Segment> all() {
        return new ArrayList<>(segments.values());
    }

    public boolean contains(Segment segment) {
        return segments.get(segment.baseSeq()) == segment;
    }

    /** Bytes on disk: sealed segments plus the committed part of the active one. */
    public long retainedBytes() {
        return sealedBytes + commitPoint.size();
    }

    // --- writer thread only ---

    public void add(Segment segment) {
        segments.put(segment.baseSeq(), segment);
    }

    /** Accounts for a segment the writer just sealed. */
    public void sealed(Segment segment) {
        sealedBytes += segment.finalSize();
    }

    public void remove(Segment segment) {
        if (segments.remove(segment.baseSeq(), segment) && segment.sealed()) {
            sealedBytes -= segment.finalSize();
        }
    }

    /** Makes a commit visible and wakes every cursor waiting for it. */
    public void publish(CommitPoint point) {
        commitPoint = point;
        lock.lock();
        try {
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        closed = true;
        publish(commitPoint);
    }

    /** Ends every wait in {@link #awaitCommitted} now, as if it had timed out: a sink that stops need not wait it out. */
    public void wakeWaiting() {
        lock.lock();
        try {
            wakeUps++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a commit passes {@code seq} (true), or the wait ends, is woken or the log closes (false). */
    public boolean awaitCommitted(long seq, Duration maxWait) throws InterruptedException {
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            long wakeUpsBefore = wakeUps;
            while (commitPoint.nextSeq() <= seq) {
                if (closed || nanos <= 0 || wakeUps != wakeUpsBefore) {
                    return false;
                }
                nanos = committed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
