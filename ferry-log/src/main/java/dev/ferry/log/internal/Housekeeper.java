package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import dev.ferry.api.GapReason;
import dev.ferry.log.OverflowPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees disk space on the writer thread: deletes sealed segments every active cursor has passed (by its persisted
 * position, so a crash never finds a cursor pointing into a deleted segment), and evicts segments by age and, under
 * {@code drop-oldest}, by size. Every eviction is journaled before its file goes, counted, and logged once.
 */
public final class Housekeeper {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);

    private final Storage storage;
    private final Path dir;
    private final Retention retention;
    private final Clock clock;
    private final SegmentIndex index;
    private final SegmentWriter writer;
    private final CursorRegistry cursors;
    private final EvictionJournal journal;
    private final LogMetrics metrics;
    private String lastCursorFailure = "";

    public Housekeeper(Storage storage, Path dir, Retention retention, Clock clock, SegmentIndex index,
            SegmentWriter writer, CursorRegistry cursors, EvictionJournal journal, LogMetrics metrics) {
        this.storage = storage;
        this.dir = dir;
        this.retention = retention;
        this.clock = clock;
        this.index = index;
        this.writer = writer;
        this.cursors = cursors;
        this.journal = journal;
        this.metrics = metrics;
    }

    /** One round: persist cursors if asked, roll an old active segment, delete and evict. */
    public void run(boolean persistCursors) throws IOException {
        if (persistCursors) {
            persistCursors();
        }
        rollIfOld();
        long now = clock.millis();
        Segment oldest;
        while ((oldest = index.oldest()) != null && oldest != writer.active()) {
            GapReason reason = null;
            if (passedByAllCursors(oldest)) {
                delete(oldest);
                continue;
            } else if (now - oldest.sealedAtMillis() >= retention.maxAgeMillis()) {
                reason = GapReason.RETENTION_AGE;
            } else if (retention.overflow() == OverflowPolicy.DROP_OLDEST && index.retainedBytes() > retention.maxBytes()) {
                reason = GapReason.RETENTION_BYTES;
            }
            if (reason == null) {
                return;
            }
            evict(oldest, reason);
        }
    }

    /**
     * Seals the active segment once its first reading is an eighth of {@code max_age} old. Age retention works on
     * whole sealed segments; this bounds how long a reading overstays.
     */
    public void rollIfOld() throws IOException {
        Segment active = writer.active();
        if (writer.nextSeq() > active.baseSeq() && clock.millis() - active.createdAtMillis() >= retention.maxAgeMillis() / 8) {
            writer.roll();
        }
    }

    /**
     * Makes room after a write failed for lack of disk space: deletes the oldest sealed segment, evicting it with
     * reason DISK_FULL if a cursor still needed it. False when nothing but the active segment is left.
     */
    public boolean freeSpaceForFullDisk() throws IOException {
        persistCursors();
        Segment oldest = index.oldest();
        if (oldest == null || oldest == writer.active()) {
            return false;
        }
        if (passedByAllCursors(oldest)) {
            delete(oldest);
        } else {
            evict(oldest, GapReason.DISK_FULL);
        }
        return true;
    }

    private void persistCursors() {
        try {
            cursors.persistAll();
            lastCursorFailure = "";
        } catch (IOException e) {
            if (!e.toString().equals(lastCursorFailure)) {
                LOG.warn("log {}: could not persist a cursor position ({}); will retry, a crash now means re-sending "
                        + "a little more", dir, e.getMessage());
                lastCursorFailure = e.toString();
            }
        }
    }

    private boolean passedByAllCursors(Segment segment) {
        OptionalLong min = cursors.minActivePersisted();
        return min.isPresent() && segment.endSeq() <= min.getAsLong();
    }

    private void delete(Segment segment) throws IOException {
        index.remove(segment);
        storage.deleteIfExists(segment.path());
    }

    private void evict(Segment segment, GapReason reason) throws IOException {
        long first = segment.baseSeq();
        long last = segment.endSeq() - 1;
        long unsentFrom = Math.max(first, cursors.minActiveCommitted().orElse(first));
        long unsent = Math.max(0, last - unsentFrom + 1);
        Eviction eviction = new Eviction(first, last, reason, clock.millis());
        if (last >= first) {
            try {
                journal.append(eviction);
            } catch (IOException e) {
                // On a full disk the journal may only have room once the segment is gone.
                delete(segment);
                journal.append(eviction);
            }
        }
        delete(segment);
        metrics.evicted(reason, unsent);
        if (unsent > 0) {
            LOG.warn("log {}: evicted segment {} (seqs {}..{}, {} not yet sent by every sink): {}", dir, segment, first,
                    last, unsent, explain(reason));
        } else {
            LOG.info("log {}: evicted segment {} (seqs {}..{}, all sent): {}", dir, segment, first, last, explain(reason));
        }
    }

    private String explain(GapReason reason) {
        return switch (reason) {
            case RETENTION_AGE -> "older than log.max_age; sinks are behind or down";
            case RETENTION_BYTES -> "log.max_bytes reached with overflow drop-oldest; sinks are behind or down";
            case DISK_FULL -> "the disk is full; free space on it or lower log.max_bytes";
            case CORRUPT -> "damaged";
        };
    }
}
