package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import dev.ferry.api.GapReason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running log's answer to damage: copy the bytes to quarantine, journal the lost seqs as CORRUPT so the reason
 * survives a restart, count it and write one WARN line. Each damage is handled once, however many cursors meet it
 * and however often the agent restarts. Never throws: a reader must be able to step over any damage.
 */
public final class CorruptionHandler implements DamageSink {

    private static final Logger LOG = LoggerFactory.getLogger(CorruptionHandler.class);

    private final Path logDir;
    private final Quarantine quarantine;
    private final EvictionJournal journal;
    private final LogMetrics metrics;
    private final Clock clock;
    private final Set<String> handled = new HashSet<>();

    public CorruptionHandler(Storage storage, Path logDir, EvictionJournal journal, LogMetrics metrics, Clock clock) {
        this.logDir = logDir;
        this.quarantine = new Quarantine(storage, logDir);
        this.journal = journal;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public synchronized void damaged(Segment segment, long start, long end, long firstSeq, long lastSeq, String cause) {
        boolean losesReadings = lastSeq >= firstSeq;
        if (!handled.add(segment.baseSeq() + "@" + start)
                || (losesReadings && journal.covers(firstSeq, lastSeq, GapReason.CORRUPT))) {
            return;
        }
        metrics.corruptionFound();
        String moved = "";
        if (end > start) {
            try {
                moved = ", copied " + (end - start) + " bytes to " + quarantine.copy(segment.path(), start, end);
            } catch (IOException e) {
                moved = ", could not copy them to quarantine (" + e.getMessage() + ")";
            }
        }
        String lost = "lost no readings";
        if (losesReadings) {
            long count = lastSeq - firstSeq + 1;
            metrics.evicted(GapReason.CORRUPT, count);
            lost = "skipped seqs " + firstSeq + ".." + lastSeq + " (" + count + (count == 1 ? " reading" : " readings")
                    + "; sinks get a gap with reason corrupt)";
            try {
                journal.append(new Eviction(firstSeq, lastSeq, GapReason.CORRUPT, clock.millis()));
            } catch (IOException e) {
                lost += "; the eviction journal could not record it (" + e.getMessage() + ")";
            }
        }
        LOG.warn("log {}: damaged record in segment {} at byte {}: {}; {}{}", logDir, segment, start, cause, lost, moved);
    }

    /** A segment file that cannot be read at all: move it aside and journal its seqs as CORRUPT. */
    public synchronized void unreadableSegment(Path file, long baseSeq, long endSeq, String cause) {
        metrics.corruptionFound();
        String moved;
        try {
            moved = "moved it to " + quarantine.move(file);
        } catch (IOException e) {
            moved = "could not move it to quarantine (" + e.getMessage() + ")";
        }
        String lost = "no readings lost";
        if (endSeq > baseSeq) {
            metrics.evicted(GapReason.CORRUPT, endSeq - baseSeq);
            lost = "seqs " + baseSeq + ".." + (endSeq - 1) + " lost (sinks get a gap with reason corrupt)";
            if (!journal.covers(baseSeq, endSeq - 1, GapReason.CORRUPT)) {
                try {
                    journal.append(new Eviction(baseSeq, endSeq - 1, GapReason.CORRUPT, clock.millis()));
                } catch (IOException e) {
                    lost += "; the eviction journal could not record it (" + e.getMessage() + ")";
                }
            }
        }
        LOG.warn("log {}: segment {} is unreadable ({}); {}, {}", logDir, file.getFileName(), cause, moved, lost);
    }
}
