package dev.ferry.log;

import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.log.internal.CommitPoint;
import dev.ferry.log.internal.CursorReader;
import dev.ferry.log.internal.CursorRegistry;
import dev.ferry.log.internal.DamageSink;
import dev.ferry.log.internal.Eviction;
import dev.ferry.log.internal.EvictionJournal;
import dev.ferry.log.internal.MetaFile;
import dev.ferry.log.internal.ReaderContext;
import dev.ferry.log.internal.Segment;
import dev.ferry.log.internal.SegmentFiles;
import dev.ferry.log.internal.SegmentHeader;
import dev.ferry.log.internal.SegmentIndex;
import dev.ferry.log.internal.SegmentSurvey;
import dev.ferry.log.internal.StatsSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a log directory offline, for {@code ferry log stats} and {@code ferry log dump}: never writes, truncates or
 * moves a file, so it is safe on a log another process is not writing and on a copy taken for a bug report.
 */
public final class LogInspector {

    private final Path dir;
    private final MetaFile meta;
    private final SegmentIndex index;
    private final List<Eviction> journal;
    private final Map<String, Long> cursors;
    private final List<String> openProblems;
    private final long scannedBytes;

    private LogInspector(Path dir, MetaFile meta, SegmentIndex index, List<Eviction> journal, Map<String, Long> cursors,
            List<String> openProblems, long scannedBytes) {
        this.dir = dir;
        this.meta = meta;
        this.index = index;
        this.journal = journal;
        this.cursors = cursors;
        this.openProblems = openProblems;
        this.scannedBytes = scannedBytes;
    }

    public static LogInspector open(Path dir) throws IOException {
        List<SegmentSurvey.Found> found = SegmentSurvey.list(Storage.DISK, dir);
        var meta = MetaFile.read(Storage.DISK, SegmentFiles.metaFile(dir));
        if (meta.isEmpty() && found.isEmpty()) {
            throw new IOException("not a Ferry log directory: " + dir + " (it has no meta file and no segments)");
        }
        List<String> problems = new ArrayList<>();
        if (meta.isEmpty()) {
            problems.add("the meta file is missing or damaged; reading IDs below use agent and epoch \"unknown\"");
        }
        EvictionJournal.Loaded loaded = EvictionJournal.load(Storage.DISK, SegmentFiles.journalFile(dir));
        if (loaded.damagedEntries() > 0) {
            problems.add("the eviction journal has " + loaded.damagedEntries() + " damaged entries");
        }
        Map<String, Long> cursors = CursorRegistry.readAll(Storage.DISK, SegmentFiles.cursorDir(dir),
                f -> problems.add("cursor file " + f.getFileName() + " is damaged"));

        List<Segment> sealed = new ArrayList<>();
        CommitPoint point = null;
        long scanned = 0;
        for (int i = 0; i < found.size(); i++) {
            SegmentSurvey.Found f = found.get(i);
            boolean isLast = i == found.size() - 1;
            if (f.header() == null) {
                problems.add("segment " + f.path().getFileName() + " has a damaged header; its readings cannot be read");
                continue;
            }
            Segment s = new Segment(f.baseSeq(), f.path(), f.header().createdAtMillis());
            if (isLast) {
                SegmentSurvey.Tail tail = SegmentSurvey.scanTail(Storage.DISK, f);
                scanned = tail.fileSize();
                for (SegmentSurvey.Damage d : tail.damages()) {
                    problems.add(describe(s, d.start(), d.end(), d.firstSeq(), d.lastSeq(), d.cause()));
                }
                if (tail.torn()) {
                    problems.add("segment " + s + " ends with " + (tail.fileSize() - tail.validEnd())
                            + " bytes of an incomplete record (" + tail.tornCause() + "); the agent cuts them off at its next start");
                }
                point = new CommitPoint(s, tail.validEnd(), tail.nextSeq());
            } else {
                SegmentSurvey.Found next = found.get(i + 1);
                s.seal(f.size(), next.baseSeq(), next.header() != null ? next.header().previousLastAppendMillis() : s.createdAtMillis());
                sealed.add(s);
            }
        }
        if (point == null) {
            // No readable last segment: an empty stand-in that is never opened marks where the log ends.
            long end = sealed.isEmpty() ? (found.isEmpty() ? 0 : found.getLast().baseSeq()) : sealed.getLast().endSeq();
            point = new CommitPoint(new Segment(end, SegmentFiles.segmentPath(dir, end), 0), SegmentHeader.SIZE, end);
        }
        MetaFile identity = meta.orElse(new MetaFile("unknown", "unknown", 0));
        return new LogInspector(dir, identity, new SegmentIndex(sealed, point), loaded.entries(), cursors, problems, scanned);
    }

    public String agentId() {
        return meta.agentId();
    }

    public String epoch() {
        return meta.epoch();
    }

    /** Evicted readings are totals from the eviction journal; damage is only counted by {@link #dump}. */
    public LogStats stats() {
        Map<GapReason, Long> evicted = new EnumMap<>(GapReason.class);
        for (GapReason reason : GapReason.values()) {
            evicted.put(reason, 0L);
        }
        for (Eviction e : journal) {
            evicted.merge(e.reason(), e.lastSeq() - e.firstSeq() + 1, Long::sum);
        }
        return StatsSnapshot.of(index, cursors, name -> true, name -> false, Clock.systemUTC().millis(),
                StatsSnapshot.Counters.offline(evicted, openProblems.size(), scannedBytes));
    }

    /**
     * Reads up to {@code limit} entries from {@code fromSeq}, checking every checksum; readings consumed by every
     * sink and deleted before it are skipped, evicted ones appear as gaps. Each problem found (damaged
     * records, a torn tail, damaged files) is described once to {@code problems}.
     */
    public void dump(long fromSeq, long limit, Consumer<LogEntry> out, Consumer<String> problems) throws IOException {
        openProblems.forEach(problems);
        if (Files.notExists(dir)) {
            return;
        }
        DamageSink damage = (segment, start, end, first, last, cause) -> problems.accept(describe(segment, start, end, first, last, cause));
        ReaderContext context = new ReaderContext(Storage.DISK, index, () -> journal, damage, meta.agentId(), meta.epoch());
        try (CursorReader reader = new CursorReader(context, startOf(Math.max(0, fromSeq)))) {
            long remaining = limit;
            while (remaining > 0) {
                List<LogEntry> entries = reader.poll((int) Math.min(remaining, 1024), Duration.ZERO);
                if (entries.isEmpty()) {
                    return;
                }
                entries.forEach(out);
                remaining -= entries.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where a dump from {@code fromSeq} begins: readings that every sink consumed before the log deleted them are no
     * loss, so the dump skips them and begins at the first evicted range (shown as a gap) or at the oldest record.
     */
    private long startOf(long fromSeq) {
        long start = Math.max(fromSeq, index.firstSeq());
        for (Eviction e : journal) {
            if (e.lastSeq() >= fromSeq) {
                start = Math.min(start, Math.max(fromSeq, e.firstSeq()));
            }
        }
        return start;
    }

    private static String describe(Segment segment, long start, long end, long first, long last, String cause) {
        String lost = last >= first ? "seqs " + first + ".." + last + " unreadable" : "no reading lost";
        return "segment " + segment + " bytes " + start + ".." + end + ": " + cause + "; " + lost;
    }
}
