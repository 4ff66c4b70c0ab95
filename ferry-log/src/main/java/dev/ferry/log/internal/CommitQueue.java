package dev.ferry.log.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Appends waiting for the writer. Appenders from any thread add to one list; the writer takes the whole list
 * at once, so appends that arrive while an fsync runs form the next group naturally. A small group waits at most
 * the commit interval for company.
 */
public final class CommitQueue {

    /** A group this large is worth an fsync of its own at once. */
    static final int ENOUGH_READINGS = 256;
    /** Appenders wait when this many readings are queued (the disk is slower than the sources). */
    static final int MAX_QUEUED_READINGS = 1 << 16;
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final long commitIntervalNanos;
    private final BooleanSupplier blockWhileFull;
    private final String closedMessage;
    private ArrayList<PendingAppend> queued = new ArrayList<>();
    private long queuedReadings;
    private long oldestNanos;
    private boolean closing;
    private boolean housekeepingWanted;
    private volatile int waitingForRoom;

    /** @param blockWhileFull true while appends must wait for room (overflow policy {@code block} and a full log) */
    public CommitQueue(long commitIntervalNanos, BooleanSupplier blockWhileFull, String closedMessage) {
        this.commitIntervalNanos = commitIntervalNanos;
        this.blockWhileFull = blockWhileFull;
        this.closedMessage = closedMessage;
    }

    public PendingAppend append(List<Reading> readings) throws InterruptedException {
        PendingAppend append = new PendingAppend(readings);
        lock.lockInterruptibly();
        try {
            while (!closing && (queuedReadings >= MAX_QUEUED_READINGS || blockWhileFull.getAsBoolean())) {
                waitingForRoom++;
                housekeepingWanted = true;
                work.signal();
                try {
                    room.awaitNanos(RECHECK_NANOS);
                } finally {
                    waitingForRoom--;
                }
            }
            if (closing) {
                append.fail(new IllegalStateException(closedMessage));
                return append;
            }
            if (queued.isEmpty()) {
                oldestNanos = System.nanoTime();
            }
            queued.add(append);
            queuedReadings += readings.size();
            work.signal();
            return append;
        } finally {
            lock.unlock();
        }
    }

    /** Whether an appender waits for room, so that acknowledgements should free space at once. */
    public boolean appendersWaiting() {
        return waitingForRoom > 0;
    }

    /**
     * For the writer: the next group to commit, an empty list when housekeeping is due at {@code housekeepingAt}
     * (a {@link System#nanoTime()} value) or was asked for, or null once closing and drained.
     */
    public @Nullable List<PendingAppend> take(long housekeepingAt) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                if (!queued.isEmpty()) {
                    long due = oldestNanos + commitIntervalNanos;
                    if (closing || queuedReadings >= ENOUGH_READINGS || now - due >= 0) {
                        List<PendingAppend> group = queued;
                        queued = new ArrayList<>();
                        queuedReadings = 0;
                        room.signalAll();
                        return group;
                    }
                    work.awaitNanos(due - now);
                } else if (closing) {
                    return null;
                } else if (housekeepingWanted || now - housekeepingAt >= 0) {
                    housekeepingWanted = false;
                    return List.of();
                } else {
                    work.awaitNanos(housekeepingAt - now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public void requestHousekeeping() {
        lock.lock();
        try {
            housekeepingWanted = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Whether housekeeping was asked for since the last call; clears the request. */
    public boolean takeHousekeepingRequest() {
        lock.lock();
        try {
            boolean wanted = housekeepingWanted;
            housekeepingWanted = false;
            return wanted;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes appenders waiting for room so they look again. */
    public void roomMayHaveChanged() {
        lock.lock();
        try {
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the writer when the disk is full and the policy is to wait: sleeps up to {@code nanos} or until
     * housekeeping is asked for (a sink acknowledged), and clears that request.
     */
    public void awaitRetry(long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (!closing && !housekeepingWanted) {
                work.awaitNanos(nanos);
            }
            housekeepingWanted = false;
        } finally {
            lock.unlock();
        }
    }

    public boolean closing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /** No new appends are accepted; those queued are still committed. */
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes everything queued without committing it (the log stops abruptly). */
    public List<PendingAppend> abandon() {
        lock.lock();
        try {
            closing = true;
            List<PendingAppend> left = queued;
            queued = new ArrayList<>();
            queuedReadings = 0;
            work.signalAll();
            room.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
