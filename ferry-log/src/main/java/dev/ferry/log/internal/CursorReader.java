package dev.ferry.log.internal;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads committed entries from a seq onwards: records as {@link StoredReading}s, and a {@link Gap} wherever the
 * readings are gone (evicted, or damaged on disk). Holds one open segment file and a scanner over it.
 * Used by one thread at a time.
 */
public final class CursorReader implements AutoCloseable {

    private static final int WINDOW = 64 * 1024;
    private static final long RETRY_NANOS = 10_000_000;

    private final ReaderContext context;
    private final ReadPositions positions = new ReadPositions();
    private final StringTable names = new StringTable();
    private long readSeq;
    private @Nullable Segment segment;
    private @Nullable FileChannel channel;
    private @Nullable SegmentScanner scanner;

    public CursorReader(ReaderContext context, long startSeq) {
        this.context = context;
        this.readSeq = startSeq;
    }

    /** The seq of the next entry {@link #poll} returns. */
    public long readSeq() {
        return readSeq;
    }

    /** Up to {@code max} entries; waits up to {@code maxWait} for the first one. */
    public List<LogEntry> poll(int max, Duration maxWait) throws IOException, InterruptedException {
        if (max <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0, was " + max);
        }
        List<LogEntry> out = new ArrayList<>();
        rememberPosition();
        fill(out, max);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (out.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            if (readSeq < context.index().commitPoint().nextSeq()) {
                // Committed but not readable this instant (its segment is being evicted): look again shortly.
                Thread.sleep(Duration.ofNanos(Math.min(remaining, RETRY_NANOS)));
            } else if (!context.index().awaitCommitted(readSeq, Duration.ofNanos(remaining))) {
                break;
            }
            fill(out, max);
        }
        return out;
    }

    /** Ends the wait of every poll in progress, this one's included, as if it had timed out. */
    public void wakeUp() {
        context.index().wakeWaiting();
    }

    /** Moves the read position to {@code seq}, at or before which entries were already read. */
    public void seek(long seq) {
        if (seq == readSeq) {
            return;
        }
        readSeq = seq;
        ReadPositions.Position known = positions.atOrBefore(seq);
        if (known != null && known.segment() == segment && scanner != null) {
            scanner = new SegmentScanner(channel, known.segment().baseSeq(), known.offset(), known.seq(), WINDOW);
        } else {
            try {
                closeSegment();
            } catch (IOException ignored) {
                // a read-only channel has nothing to lose on close
            }
        }
    }

    /** Positions before {@code seq} will not be sought again. */
    public void forgetBefore(long seq) {
        positions.forgetBefore(seq);
    }

    @Override
    public void close() throws IOException {
        closeSegment();
    }

    private void fill(List<LogEntry> out, int max) throws IOException {
        SegmentIndex index = context.index();
        while (out.size() < max) {
            long first = index.firstSeq();
            if (readSeq < first) {
                closeSegment();
                addGaps(out, max, first - 1);
                continue;
            }
            if (readSeq >= index.commitPoint().nextSeq()) {
                return;
            }
            if (scanner == null) {
                if (!openSegmentFor(out, max)) {
                    return;
                }
                if (scanner == null) {
                    continue;
                }
            }
            SegmentIndex.Extent extent = index.extent(segment);
            SegmentScanner.Step step;
            try {
                step = scanner.next(extent.size(), extent.endSeq(), extent.sealed());
            } catch (IOException unreadable) {
                if (!extent.sealed()) {
                    throw unreadable;
                }
                // A sealed segment the disk can no longer read: its remaining readings are lost, the rest is not.
                context.damage().damaged(segment, scanner.position(), extent.size(), scanner.expectedSeq(), extent.endSeq() - 1,
                        "reading it failed: " + unreadable.getMessage());
                if (extent.endSeq() > readSeq) {
                    out.add(new Gap(context.agent(), context.epoch(), readSeq, extent.endSeq() - 1, GapReason.CORRUPT));
                    readSeq = extent.endSeq();
                }
                closeSegment();
                continue;
            }
            switch (step) {
                case RECORD -> record(out);
                case CORRUPT -> corrupt(out);
                case END -> {
                    if (!extent.sealed()) {
                        return;
                    }
                    closeSegment();
                }
            }
        }
    }

    private void record(List<LogEntry> out) {
        long seq = scanner.recordSeq();
        if (seq < readSeq) {
            return; // skipping forward to the read position
        }
        Reading reading;
        try {
            reading = PayloadDecoder.decode(scanner.window(), scanner.payloadOffset(), scanner.payloadLength(), names);
        } catch (IllegalArgumentException e) {
            long end = scanner.position();
            long start = end - RecordFormat.HEADER_SIZE - scanner.payloadLength();
            context.damage().damaged(segment, start, end, seq, seq, "undecodable payload (" + e.getMessage() + ")");
            out.add(new Gap(context.agent(), context.epoch(), seq, seq, GapReason.CORRUPT));
            readSeq = seq + 1;
            return;
        }
        out.add(new StoredReading(new ReadingId(context.agent(), context.epoch(), seq), reading));
        readSeq = seq + 1;
    }

    private void corrupt(List<LogEntry> out) {
        long first = scanner.corruptFirstSeq();
        long last = scanner.corruptLastSeq();
        context.damage().damaged(segment, scanner.corruptStart(), scanner.corruptEnd(), first, last, scanner.corruptCause());
        if (last >= readSeq) {
            out.add(new Gap(context.agent(), context.epoch(), Math.max(first, readSeq), last, GapReason.CORRUPT));
            readSeq = last + 1;
        }
    }

    /**
     * Opens the segment holding {@code readSeq}, or emits the gap that stands in its place; false if neither is
     * possible yet.
     */
    private boolean openSegmentFor(List<LogEntry> out, int max) throws IOException {
        SegmentIndex index = context.index();
        Segment candidate = index.floor(readSeq);
        if (candidate == null) {
            return false;
        }
        SegmentIndex.Extent extent = index.extent(candidate);
        if (extent.sealed() && readSeq >= extent.endSeq()) {
            // readSeq lies in a hole between segments, left by an unreadable segment that was moved aside.
            Segment next = index.after(candidate);
            if (next == null) {
                return false;
            }
            addGaps(out, max, next.baseSeq() - 1);
            return true;
        }
        try {
            channel = context.storage().open(candidate.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException gone) {
            if (index.contains(candidate) && extent.sealed()) {
                context.damage().damaged(candidate, 0, 0, readSeq, extent.endSeq() - 1, "the segment file is missing");
                out.add(new Gap(context.agent(), context.epoch(), readSeq, extent.endSeq() - 1, GapReason.CORRUPT));
                readSeq = extent.endSeq();
                return true;
            }
            return false; // evicted since the index was read; the next round sees the new first seq
        }
        segment = candidate;
        ReadPositions.Position known = positions.atOrBefore(readSeq);
        scanner = known != null && known.segment() == candidate
                ? new SegmentScanner(channel, candidate.baseSeq(), known.offset(), known.seq(), WINDOW)
                : new SegmentScanner(channel, candidate.baseSeq(), SegmentHeader.SIZE, candidate.baseSeq(), WINDOW);
        return true;
    }

    private void addGaps(List<LogEntry> out, int max, long lastMissing) {
        for (GapReasons.Piece piece : GapReasons.explain(readSeq, lastMissing, context.evictions().get())) {
            if (out.size() >= max) {
                return;
            }
            out.add(new Gap(context.agent(), context.epoch(), piece.first(), piece.last(), piece.reason()));
            readSeq = piece.last() + 1;
        }
    }

    private void rememberPosition() {
        if (scanner != null && scanner.expectedSeq() == readSeq) {
            positions.remember(segment, scanner.position(), readSeq);
        }
    }

    private void closeSegment() throws IOException {
        scanner = null;
        segment = null;
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }
}
