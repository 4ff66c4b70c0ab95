package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import dev.ferry.api.GapReason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a log directory to a consistent state at open. Reads only segment headers and the last segment (the
 * only one a crash can leave half-written), so opening costs the same whatever the backlog. Damage becomes a
 * quarantined file and a journaled CORRUPT range, never a refusal to start.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** The recovered state the log runs on. */
    public record Recovered(MetaFile meta, SegmentIndex index, EvictionJournal journal, CursorRegistry cursors,
            CorruptionHandler corruption) {}

    private final Storage storage;
    private final Path dir;
    private final String agentId;
    private final Clock clock;
    private final LogMetrics metrics;
    private final Quarantine quarantine;

    public Recovery(Storage storage, Path dir, String agentId, Clock clock, LogMetrics metrics) {
        this.storage = storage;
        this.dir = dir;
        this.agentId = agentId;
        this.clock = clock;
        this.metrics = metrics;
        this.quarantine = new Quarantine(storage, dir);
    }

    public Recovered run() throws IOException {
        storage.createDirectories(SegmentFiles.segmentDir(dir));
        List<SegmentSurvey.Found> found = SegmentSurvey.list(storage, dir);
        MetaFile meta = meta(!found.isEmpty());
        CursorRegistry cursors = CursorRegistry.load(storage, SegmentFiles.cursorDir(dir), this::damagedCursor);
        EvictionJournal.Loaded loaded = EvictionJournal.load(storage, SegmentFiles.journalFile(dir));
        if (loaded.damagedEntries() > 0) {
            LOG.warn("log {}: skipped {} damaged entries of the eviction journal; gaps they described are reported "
                    + "with reason {}", dir, loaded.damagedEntries(), GapReasons.UNEXPLAINED.label());
        }
        long keepFrom = cursors.minKnown().orElse(found.isEmpty() ? Long.MIN_VALUE : found.getFirst().baseSeq());
        EvictionJournal journal = EvictionJournal.openCompacted(storage, SegmentFiles.journalFile(dir), loaded, keepFrom);
        CorruptionHandler corruption = new CorruptionHandler(storage, dir, journal, metrics, clock);

        // The seq no new reading may go below: acknowledged or journaled seqs were committed once.
        long floor = cursors.persistedPositions().values().stream().mapToLong(Long::longValue).max().orElse(0);
        for (Eviction e : loaded.entries()) {
            floor = Math.max(floor, e.lastSeq() + 1);
        }

        List<Segment> sealed = new ArrayList<>();
        CommitPoint point = null;
        boolean freeze = false;
        long diskEnd = found.isEmpty() ? 0 : found.getLast().baseSeq();
        for (int i = 0; i < found.size(); i++) {
            SegmentSurvey.Found f = found.get(i);
            boolean isLast = i == found.size() - 1;
            long nextBase = isLast ? Long.MAX_VALUE : found.get(i + 1).baseSeq();
            if (f.header() == null) {
                if (isLast && f.size() <= SegmentHeader.SIZE) {
                    LOG.info("log {}: removed segment {}, whose creation a crash interrupted (it held no records)", dir, f.path().getFileName());
                    storage.delete(f.path());
                } else {
                    long endSeq = isLast ? Math.max(floor, f.baseSeq()) : nextBase;
                    corruption.unreadableSegment(f.path(), f.baseSeq(), endSeq, "its header is damaged");
                    diskEnd = isLast ? endSeq : diskEnd;
                }
            } else if (isLast) {
                SegmentSurvey.Tail tail;
                try {
                    tail = recoverTail(f, corruption);
                } catch (IOException unreadable) {
                    diskEnd = Math.max(floor, f.baseSeq());
                    corruption.unreadableSegment(f.path(), f.baseSeq(), diskEnd, "reading it failed: " + unreadable.getMessage());
                    continue;
                }
                Segment segment = new Segment(f.baseSeq(), f.path(), f.header().createdAtMillis());
                point = new CommitPoint(segment, tail.validEnd(), tail.nextSeq());
                // Damaged bytes stay in place for readers to step over; no append may follow them.
                freeze = !tail.damages().isEmpty();
                diskEnd = tail.nextSeq();
            } else if (deletedBeforeTheCrash(f.baseSeq(), nextBase, loaded.entries(), cursors)) {
                // Deleting a segment does not sync its directory (nothing depends on the deletion being durable), so
                // a power cut can bring one back; read, its records would end short of the next segment's base and
                // look like damage.
                LOG.info("log {}: removed segment {} again, deleted before a power cut that undid the deletion", dir,
                        f.path().getFileName());
                storage.delete(f.path());
            } else {
                Segment s = new Segment(f.baseSeq(), f.path(), f.header().createdAtMillis());
                SegmentSurvey.Found next = found.get(i + 1);
                long sealedAt = next.header() != null ? next.header().previousLastAppendMillis() : clock.millis();
                s.seal(f.size(), nextBase, sealedAt);
                sealed.add(s);
            }
        }
        if (diskEnd < floor) {
            LOG.warn("log {}: readings {}..{} were committed but are missing from the end of the log; they are reported "
                    + "as a gap with reason corrupt", dir, diskEnd, floor - 1);
            metrics.corruptionFound();
            metrics.evicted(GapReason.CORRUPT, floor - diskEnd);
            journal.append(new Eviction(diskEnd, floor - 1, GapReason.CORRUPT, clock.millis()));
            freeze = true;
        }
        if (point != null && freeze) {
            point = sealOrDrop(point, sealed);
        }
        if (point == null) {
            point = startSegment(Math.max(diskEnd, floor));
        }
        return new Recovered(meta, new SegmentIndex(sealed, point), journal, cursors, corruption);
    }

    /**
     * Whether the sealed segment holding seqs {@code [base, nextBase)} is one that was deleted: every sink had
     * passed it, or its readings were evicted (the journal is written before the file is deleted).
     */
    private static boolean deletedBeforeTheCrash(long base, long nextBase, List<Eviction> evictions, CursorRegistry cursors) {
        OptionalLong passed = cursors.minKnown();
        if (passed.isPresent() && nextBase <= passed.getAsLong()) {
            return true;
        }
        long covered = base;
        List<Eviction> byFirst = new ArrayList<>(evictions);
        byFirst.sort(Comparator.comparingLong(Eviction::firstSeq));
        for (Eviction e : byFirst) {
            if (e.firstSeq() <= covered && e.lastSeq() >= covered) {
                covered = e.lastSeq() + 1;
            }
        }
        return covered >= nextBase;
    }

    /** Scans the last segment, cuts off a torn tail, and reports damage that intact records follow. */
    private SegmentSurvey.Tail recoverTail(SegmentSurvey.Found last, CorruptionHandler corruption) throws IOException {
        SegmentSurvey.Tail tail = SegmentSurvey.scanTail(storage, last);
        metrics.recoveryScanned(tail.fileSize());
        Segment segment = new Segment(last.baseSeq(), last.path(), last.header().createdAtMillis());
        for (SegmentSurvey.Damage d : tail.damages()) {
            corruption.damaged(segment, d.start(), d.end(), d.firstSeq(), d.lastSeq(), d.cause());
        }
        if (tail.torn()) {
            String copy = quarantine.copy(last.path(), tail.validEnd(), tail.fileSize());
            try (FileChannel ch = storage.open(last.path(), StandardOpenOption.WRITE)) {
                ch.truncate(tail.validEnd());
                ch.force(true);
            }
            LOG.warn("log {}: cut {} bytes of an incomplete record ({}) from the end of segment {}, left by a crash or "
                    + "power loss during a write; nothing acknowledged is lost (copy in {})", dir,
                    tail.fileSize() - tail.validEnd(), tail.tornCause(), last.path().getFileName(), copy);
        }
        return tail;
    }

    /** Seals the active segment (or deletes it if empty); null: the caller starts a new one. */
    private CommitPoint sealOrDrop(CommitPoint point, List<Segment> sealed) throws IOException {
        Segment active = point.active();
        if (point.nextSeq() == active.baseSeq()) {
            storage.delete(active.path());
        } else {
            active.seal(point.size(), point.nextSeq(), clock.millis());
            sealed.add(active);
        }
        return null;
    }

    private CommitPoint startSegment(long baseSeq) throws IOException {
        long now = clock.millis();
        NewSegment.Created created = NewSegment.create(storage, dir, baseSeq, now, now);
        try (FileChannel ch = created.channel()) {
            ch.force(true);
        }
        storage.syncDirectory(SegmentFiles.segmentDir(dir));
        return new CommitPoint(created.segment(), SegmentHeader.SIZE, baseSeq);
    }

    private MetaFile meta(boolean hasSegments) throws IOException {
        Path file = SegmentFiles.metaFile(dir);
        var existing = MetaFile.read(storage, file);
        if (existing.isPresent()) {
            if (!existing.get().agentId().equals(agentId)) {
                MetaFile updated = new MetaFile(existing.get().epoch(), agentId, existing.get().createdAtMillis());
                updated.write(storage, file);
                return updated;
            }
            return existing.get();
        }
        MetaFile created = new MetaFile(MetaFile.newEpoch(new SecureRandom()), agentId, clock.millis());
        if (storage.exists(file)) {
            LOG.warn("log {}: the meta file is damaged (moved to {}); readings get the new epoch {}, so sinks see them "
                    + "as a new sequence", dir, quarantine.move(file), created.epoch());
        } else if (hasSegments) {
            LOG.warn("log {}: the meta file is missing; readings get the new epoch {}", dir, created.epoch());
        }
        created.write(storage, file);
        return created;
    }

    private void damagedCursor(Path file) {
        try {
            LOG.warn("log {}: cursor file {} is damaged (moved to {}); that sink starts again from the oldest reading",
                    dir, file.getFileName(), quarantine.move(file));
        } catch (IOException e) {
            LOG.warn("log {}: cursor file {} is damaged and could not be moved aside ({})", dir, file.getFileName(), e.getMessage());
        }
    }
}
