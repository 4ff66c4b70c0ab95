package dev.ferry.log.internal;

import dev.ferry.api.Nullable;
import dev.ferry.log.OverflowPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's single writer thread: takes groups of appends from the {@link CommitQueue}, commits each with one
 * write and one fsync, and between commits does the housekeeping. A full disk is met with the overflow policy:
 * {@code drop-oldest} evicts the oldest segment and retries, {@code block} waits for sinks to free space; with
 * nothing left to evict the group's appends fail. The thread never dies of a failed commit.
 */
public final class WriterLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WriterLoop.class);
    private static final long DISK_FULL_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A disk that stays full under drop-oldest fills up again at every segment; say so once a minute, not each time. */
    private static final long DISK_FULL_REPORT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Path dir;
    private final CommitQueue queue;
    private final SegmentWriter writer;
    private final Housekeeper housekeeper;
    private final Retention retention;
    private final LogMetrics metrics;
    private final long cursorFlushNanos;
    private long nextCursorFlush;
    private volatile boolean diskFull;
    private boolean diskFullReported;
    private long lastDiskFullReport;
    private int unreportedDiskFull;
    private volatile boolean halted;
    private volatile @Nullable String stoppedBy;

    public WriterLoop(Path dir, CommitQueue queue, SegmentWriter writer, Housekeeper housekeeper, Retention retention,
            LogMetrics metrics, Duration cursorFlushInterval) {
        this.dir = dir;
        this.queue = queue;
        this.writer = writer;
        this.housekeeper = housekeeper;
        this.retention = retention;
        this.metrics = metrics;
        this.cursorFlushNanos = cursorFlushInterval.toNanos();
        this.nextCursorFlush = System.nanoTime() + cursorFlushNanos;
    }

    @Override
    public void run() {
        try {
            List<PendingAppend> group;
            while (!halted && (group = queue.take(nextCursorFlush)) != null) {
                if (!group.isEmpty()) {
                    commit(group);
                } else {
                    housekeep();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable fatal) {
            stoppedBy = fatal.getMessage() != null ? fatal.getMessage() : fatal.getClass().getSimpleName();
            LOG.error("log {}: the writer stopped; appends fail until the agent restarts", dir, fatal);
            queue.abandon().forEach(a -> a.fail(fatal));
        }
    }

    /** Why appends cannot be stored now, for health checks; null while they can. */
    public @Nullable String appendProblem() {
        if (stoppedBy != null) {
            return "the log's writer stopped (" + stoppedBy + "); appends fail until the agent restarts";
        }
        return diskFull ? "the disk is full; appends wait or evict the oldest readings, as log.overflow says" : null;
    }

    /** Whether space freed by sinks should be reclaimed at once: appends wait for it. */
    public boolean wantsSpace() {
        return diskFull || queue.appendersWaiting();
    }

    /** Makes the loop stop at its next step without committing what is queued (a simulated crash). */
    public void halt() {
        halted = true;
    }

    private void commit(List<PendingAppend> group) throws InterruptedException {
        while (!halted) {
            try {
                housekeeper.rollIfOld();
                long firstSeq = writer.nextSeq();
                long started = System.nanoTime();
                writer.commit(group);
                metrics.committed(firstSeq, group.stream().mapToLong(a -> a.readings().size()).sum(), System.nanoTime() - started);
                if (diskFull && diskFullReported) {
                    LOG.info("log {}: writing again after the disk was full", dir);
                }
                diskFull = false;
                // Retention is applied before the appenders hear back, so what they see next is settled.
                housekeep();
                group.forEach(PendingAppend::complete);
                return;
            } catch (IOException e) {
                if (!DiskFull.is(e)) {
                    LOG.error("log {}: could not write {} appends ({}); they were not stored", dir, group.size(), e.toString());
                    fail(group, e);
                    return;
                }
                if (!handleDiskFull(group, e)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("log {}: could not write {} appends; they were not stored", dir, group.size(), e);
                fail(group, e);
                return;
            }
        }
        fail(group, new IllegalStateException("log " + dir + " stopped before this append was committed"));
    }

    /** True to retry the group; false once it has been failed. */
    private boolean handleDiskFull(List<PendingAppend> group, IOException e) throws InterruptedException {
        metrics.diskFull();
        boolean report = false;
        if (!diskFull) {
            diskFull = true;
            long now = System.nanoTime();
            report = lastDiskFullReport == 0 || now - lastDiskFullReport >= DISK_FULL_REPORT_NANOS;
            diskFullReported = report;
            if (report) {
                lastDiskFullReport = now;
            } else {
                unreportedDiskFull++;
            }
        }
        try {
            if (retention.overflow() == OverflowPolicy.DROP_OLDEST) {
                if (housekeeper.freeSpaceForFullDisk()) {
                    if (report) {
                        LOG.error("log {}: disk full ({}); nothing committed is damaged; evicting the oldest segments "
                                + "to make room (overflow drop-oldest){}", dir, e.getMessage(), since());
                    }
                    return true;
                }
                String message = "log " + dir + ": disk full (" + e.getMessage() + ") and nothing left to evict; "
                        + group.stream().mapToLong(a -> a.readings().size()).sum() + " readings were not stored. "
                        + "Free space on that file system or lower log.max_bytes";
                LOG.error(message);
                fail(group, new IOException(message, e));
                return false;
            }
            if (report) {
                LOG.error("log {}: disk full ({}); nothing committed is damaged; appends wait until sinks free space "
                        + "(overflow block){}", dir, e.getMessage(), since());
            }
            if (queue.closing()) {
                fail(group, new IOException("log " + dir + ": closed while waiting for disk space; the readings were not stored", e));
                return false;
            }
            queue.awaitRetry(DISK_FULL_RETRY_NANOS);
            housekeeper.run(true);
            return true;
        } catch (IOException cleanup) {
            LOG.error("log {}: disk full and could not free space ({})", dir, cleanup.toString());
            fail(group, new IOException("log " + dir + ": disk full (" + e.getMessage() + "); the readings were not stored", e));
            return false;
        }
    }

    private String since() {
        String text = unreportedDiskFull == 0 ? "" : "; it was full " + unreportedDiskFull + " more times since the last report";
        unreportedDiskFull = 0;
        return text;
    }

    private void housekeep() {
        long now = System.nanoTime();
        boolean flushDue = now - nextCursorFlush >= 0;
        boolean pressure = queue.takeHousekeepingRequest() || queue.appendersWaiting();
        if (flushDue) {
            nextCursorFlush = now + cursorFlushNanos;
        }
        try {
            housekeeper.run(flushDue || pressure);
        } catch (IOException | RuntimeException e) {
            LOG.warn("log {}: housekeeping failed ({}); will retry", dir, e.toString());
        }
        queue.roomMayHaveChanged();
    }

    private static void fail(List<PendingAppend> group, Exception cause) {
        group.forEach(a -> a.fail(cause));
    }
}
