package dev.ferry.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Walks the records of one segment file, verifying each checksum and that seqs follow each other. When a record is
 * damaged it searches forward, byte by byte, for the next intact record (checksum and a plausible seq) and reports
 * the damaged byte range and the seqs lost in between, so the caller can quarantine them and emit a gap.
 *
 * <p>Reads only below the limit the caller passes, so it never sees a record the writer has not committed.
 * Not thread-safe: one scanner per reader.
 */
public final class SegmentScanner {

    public enum Step { RECORD, CORRUPT, END }

    private final FileChannel channel;
    private final long baseSeq;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer window;
    private long windowStart;
    private long position;
    private long expectedSeq;
    private long frameSeq;

    private long recordSeq;
    private int payloadOffset;
    private int payloadLength;

    private long corruptFirstSeq;
    private long corruptLastSeq;
    private long corruptStart;
    private long corruptEnd;
    private String corruptCause = "";

    public SegmentScanner(FileChannel channel, long baseSeq, long position, long expectedSeq, int windowSize) {
        this.channel = channel;
        this.baseSeq = baseSeq;
        this.position = position;
        this.expectedSeq = expectedSeq;
        this.window = ByteBuffer.allocate(windowSize).limit(0);
    }

    /**
     * Reads the next step at or below byte {@code limit}.
     *
     * @param endSeq the seq after the last one this segment can hold ({@link Long#MAX_VALUE} when unknown)
     * @param sealed whether {@code limit} is the segment's final size, so records missing before it are lost
     */
    public Step next(long limit, long endSeq, boolean sealed) throws IOException {
        if (position >= limit) {
            if (sealed && expectedSeq < endSeq) {
                return corrupt(expectedSeq, endSeq - 1, position, position, "the segment ends before seq " + (endSeq - 1));
            }
            return Step.END;
        }
        int length = frameAt(position, limit, expectedSeq, endSeq);
        if (length >= 0) {
            if (frameSeq == expectedSeq) {
                recordSeq = frameSeq;
                payloadOffset = (int) (position - windowStart) + RecordFormat.HEADER_SIZE;
                payloadLength = length;
                position += RecordFormat.HEADER_SIZE + length;
                expectedSeq++;
                return Step.RECORD;
            }
            return corrupt(expectedSeq, frameSeq - 1, position, position, "records before seq " + frameSeq + " are missing");
        }
        String cause = describeDamage(position, limit);
        for (long candidate = position + 1; candidate + RecordFormat.HEADER_SIZE <= limit; candidate++) {
            if (frameAt(candidate, limit, expectedSeq, endSeq) >= 0) {
                return corrupt(expectedSeq, frameSeq - 1, position, candidate, cause);
            }
        }
        long last = endSeq == Long.MAX_VALUE ? -1 : endSeq - 1;
        return corrupt(expectedSeq, last, position, limit, cause);
    }

    /** The seq of the record {@link Step#RECORD} returned. */
    public long recordSeq() {
        return recordSeq;
    }

    /** The buffer holding the record's payload at {@link #payloadOffset()}; valid until the next call. */
    public ByteBuffer window() {
        return window;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** First seq lost to the damage {@link Step#CORRUPT} reported; after {@link #corruptLastSeq()} means none. */
    public long corruptFirstSeq() {
        return corruptFirstSeq;
    }

    /** Last seq lost, or -1 when unknown (damage runs to the end of a segment whose end seq is unknown). */
    public long corruptLastSeq() {
        return corruptLastSeq;
    }

    public long corruptStart() {
        return corruptStart;
    }

    public long corruptEnd() {
        return corruptEnd;
    }

    public String corruptCause() {
        return corruptCause;
    }

    /** File offset of the next record to read. */
    public long position() {
        return position;
    }

    /** Seq the next record should carry. */
    public long expectedSeq() {
        return expectedSeq;
    }

    private Step corrupt(long first, long last, long start, long end, String cause) {
        corruptFirstSeq = first;
        corruptLastSeq = last;
        corruptStart = start;
        corruptEnd = end;
        corruptCause = cause;
        position = end;
        if (last >= first) {
            expectedSeq = last + 1;
        }
        return Step.CORRUPT;
    }

    /** Payload length of an intact frame at {@code at} whose seq lies in {@code [minSeq, endSeq)}, else -1. */
    private int frameAt(long at, long limit, long minSeq, long endSeq) throws IOException {
        if (at + RecordFormat.HEADER_SIZE > limit || !ensure(at, RecordFormat.HEADER_SIZE, limit)) {
            return -1;
        }
        int offset = (int) (at - windowStart);
        int length = window.getInt(offset + 4);
        if (length < 0 || length > RecordFormat.MAX_PAYLOAD || at + RecordFormat.HEADER_SIZE + length > limit) {
            return -1;
        }
        long seq = baseSeq + Integer.toUnsignedLong(window.getInt(offset + 8));
        if (seq < minSeq || seq >= endSeq) {
            return -1;
        }
        if (!ensure(at, RecordFormat.HEADER_SIZE + length, limit)) {
            return -1;
        }
        offset = (int) (at - windowStart);
        int end = offset + RecordFormat.HEADER_SIZE + length;
        if (window.getInt(offset) != RecordFormat.checksum(window, offset, end, crc)) {
            return -1;
        }
        frameSeq = seq;
        return length;
    }

    private String describeDamage(long at, long limit) throws IOException {
        if (at + RecordFormat.HEADER_SIZE > limit || !ensure(at, RecordFormat.HEADER_SIZE, limit)) {
            return "a record header is cut off at the end of the file";
        }
        int offset = (int) (at - windowStart);
        int length = window.getInt(offset + 4);
        if (length == 0 && window.getInt(offset) == 0 && window.getInt(offset + 8) == 0) {
            return "zeros where a record should start (space allocated but never written)";
        }
        if (length == 0 && window.getInt(offset) == 0 && window.getInt(offset + 8) == 0) {
            return "zeros where a record should start (space allocated but never written)";
        }
        if (length < 0 || length > RecordFormat.MAX_PAYLOAD || at + RecordFormat.HEADER_SIZE + length > limit) {
            return "record length " + Integer.toUnsignedString(length) + " runs past the end of the data";
        }
        long seq = baseSeq + Integer.toUnsignedLong(window.getInt(offset + 8));
        if (seq != expectedSeq) {
            return "record seq " + seq + " where " + expectedSeq + " was expected";
        }
        return "checksum mismatch";
    }

    /** Makes file bytes {@code [at, at + n)} available in the window; false if the file ends before them. */
    private boolean ensure(long at, int n, long limit) throws IOException {
        if (at >= windowStart && at + n <= windowStart + window.limit()) {
            return true;
        }
        if (n > window.capacity()) {
            window = ByteBuffer.allocate(Math.max(n, window.capacity() * 2));
        }
        window.clear();
        // Never read past the limit: bytes beyond it may still be being written.
        window.limit((int) Math.min(window.capacity(), limit - at));
        windowStart = at;
        while (window.hasRemaining()) {
            int read = channel.read(window, at + window.position());
            if (read < 0) {
                break;
            }
        }
        window.flip();
        return window.limit() >= n;
    }
}
