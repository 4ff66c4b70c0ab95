package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import dev.ferry.api.Reading;
import dev.ferry.log.ReadingCodec;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a group of appends into one buffer, writes it with one positional write, fsyncs and only then publishes
 * the new commit point. A commit is all or nothing: on failure every byte it wrote is cut off again (and segments
 * it started are deleted), so a later commit continues from the last committed position.
 *
 * <p>Owned by the writer thread: nothing here is thread-safe.
 */
public final class SegmentWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);
    private static final int INITIAL_BUFFER = 1 << 20;

    private final Storage storage;
    private final Path logDir;
    private final long segmentSize;
    private final Clock clock;
    private final SegmentIndex index;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_BUFFER);

    // Committed state.
    private Segment active;
    private FileChannel channel;
    private long size;
    private long nextSeq;
    private long lastAppendMillis;

    // State of the commit in progress.
    private final List<OpenSegment> rolled = new ArrayList<>();
    private final List<OpenSegment> created = new ArrayList<>();
    private Segment segment;
    private FileChannel segmentChannel;
    private long written;
    private long seq;

    /** A segment written by the commit in progress, with what it will be sealed as. */
    private record OpenSegment(Segment segment, FileChannel channel, long size, long endSeq, long lastAppendMillis) {}

    public SegmentWriter(Storage storage, Path logDir, long segmentSize, Clock clock, SegmentIndex index) throws IOException {
        this.storage = storage;
        this.logDir = logDir;
        this.segmentSize = segmentSize;
        this.clock = clock;
        this.index = index;
        CommitPoint point = index.commitPoint();
        this.active = point.active();
        this.size = point.size();
        this.nextSeq = point.nextSeq();
        // Unknown for a recovered segment; "now" errs on the side of keeping it.
        this.lastAppendMillis = clock.millis();
        this.channel = storage.open(active.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    public long nextSeq() {
        return nextSeq;
    }

    public Segment active() {
        return active;
    }

    /** Makes {@code batch} durable and visible, or changes nothing and throws. */
    public void commit(List<PendingAppend> batch) throws IOException {
        segment = active;
        segmentChannel = channel;
        written = size;
        seq = nextSeq;
        rolled.clear();
        created.clear();
        buffer.clear();
        try {
            for (PendingAppend append : batch) {
                append.assignedFrom(seq);
                for (Reading reading : append.readings()) {
                    appendRecord(reading);
                }
            }
            flushBuffer(buffer.position());
            segmentChannel.force(false);
            if (!created.isEmpty()) {
                storage.syncDirectory(SegmentFiles.segmentDir(logDir));
            }
        } catch (IOException | RuntimeException e) {
            rollback(e);
            throw e;
        }
        publish();
    }

    /** Seals a non-empty active segment and starts a new one, so that age retention can evict it. */
    public void roll() throws IOException {
        if (nextSeq == active.baseSeq()) {
            return;
        }
        OpenSegment next = create(nextSeq, lastAppendMillis);
        try {
            next.channel().force(false);
            storage.syncDirectory(SegmentFiles.segmentDir(logDir));
        } catch (IOException e) {
            next.channel().close();
            storage.deleteIfExists(next.segment().path());
            throw e;
        }
        rolled.clear();
        created.clear();
        rolled.add(new OpenSegment(active, channel, size, nextSeq, lastAppendMillis));
        created.add(next);
        segment = next.segment();
        segmentChannel = next.channel();
        written = SegmentHeader.SIZE;
        seq = nextSeq;
        publish();
    }

    private void appendRecord(Reading reading) throws IOException {
        int start = buffer.position();
        while (!encode(reading, start)) {
            if (start > 0) {
                flushBuffer(start);
                start = 0;
            } else {
                grow();
            }
        }
        if (seq > segment.baseSeq() && written + buffer.position() > segmentSize) {
            flushBuffer(start);
            segmentChannel.force(false); // the sealed segment's tail is final before the next one exists
            long now = clock.millis();
            OpenSegment next = create(seq, now);
            created.add(next);
            rolled.add(new OpenSegment(segment, segmentChannel, written, seq, now));
            segment = next.segment();
            segmentChannel = next.channel();
            written = SegmentHeader.SIZE;
            while (!encode(reading, 0)) {
                grow();
            }
        }
        seq++;
    }

    /** Encodes one record at {@code start}; false if the buffer has no room for it. */
    private boolean encode(Reading reading, int start) {
        if (start + RecordFormat.HEADER_SIZE > buffer.capacity()) {
            return false;   // not even the header fits behind the records already in the buffer
        }
        buffer.limit(buffer.capacity()).position(start + RecordFormat.HEADER_SIZE);
        try {
            ReadingCodec.encode(reading, buffer);
        } catch (BufferOverflowException full) {
            buffer.position(start);
            return false;
        }
        RecordFormat.seal(buffer, start, buffer.position(), (int) (seq - segment.baseSeq()), crc);
        return true;
    }

    /** Called only with an empty buffer too small for one record; append() refused records above the maximum. */
    private void grow() {
        if (buffer.capacity() >= RecordFormat.HEADER_SIZE + RecordFormat.MAX_PAYLOAD) {
            throw new IllegalStateException("a reading encodes to more than " + RecordFormat.MAX_PAYLOAD + " bytes");
        }
        buffer = ByteBuffer.allocateDirect(Math.min(buffer.capacity() * 2, RecordFormat.HEADER_SIZE + RecordFormat.MAX_PAYLOAD));
    }

    /** Writes buffer bytes {@code [0, end)} to the current segment and keeps the rest at the buffer's start. */
    private void flushBuffer(int end) throws IOException {
        int tail = buffer.position();
        buffer.position(0).limit(end);
        while (buffer.hasRemaining()) {
            written += segmentChannel.write(buffer, written);
        }
        buffer.limit(tail).position(end);
        buffer.compact();
    }

    private OpenSegment create(long baseSeq, long previousLastAppendMillis) throws IOException {
        NewSegment.Created created = NewSegment.create(storage, logDir, baseSeq, clock.millis(), previousLastAppendMillis);
        return new OpenSegment(created.segment(), created.channel(), SegmentHeader.SIZE, baseSeq, 0);
    }

    /** Makes the commit visible. Cannot fail: the data is already durable. */
    private void publish() {
        if (seq > nextSeq) {
            lastAppendMillis = clock.millis();
        }
        for (OpenSegment c : created) {
            index.add(c.segment());
        }
        for (OpenSegment old : rolled) {
            old.segment().seal(old.size(), old.endSeq(), old.lastAppendMillis());
            index.sealed(old.segment());
        }
        active = segment;
        channel = segmentChannel;
        size = written;
        nextSeq = seq;
        index.publish(new CommitPoint(active, size, nextSeq));
        for (OpenSegment old : rolled) {
            try {
                old.channel().close();
            } catch (IOException ignored) {
                // Everything in it was fsync'd before it was sealed; closing can lose nothing.
            }
        }
        rolled.clear();
        created.clear();
    }

    private void rollback(Exception cause) {
        for (OpenSegment c : created.reversed()) {
            try {
                c.channel().close();
                storage.deleteIfExists(c.segment().path());
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
        try {
            if (!created.isEmpty()) {
                storage.syncDirectory(SegmentFiles.segmentDir(logDir));
            }
            channel.truncate(size);
        } catch (IOException e) {
            // Bytes past `size` are never read, and the next commit overwrites them; recovery would cut them off.
            LOG.warn("log {}: could not cut segment {} back to {} bytes after a failed commit ({})", logDir, active, size, e.getMessage());
        }
        rolled.clear();
        created.clear();
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
