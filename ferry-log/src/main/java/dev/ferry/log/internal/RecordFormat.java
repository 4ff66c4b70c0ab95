package dev.ferry.log.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The record frame inside a segment (drawn in {@code BUFFER.md}):
 *
 * <pre>
 * crc32c u32 | length u32 | seq offset u32 | payload (length bytes)
 * </pre>
 *
 * The checksum covers length, seq offset and payload, so a flipped length is caught like a flipped payload byte.
 * The seq offset (from the segment's base seq) lets a reader that lost its place find the next record and know
 * exactly which sequence numbers it had to skip.
 */
public final class RecordFormat {

    public static final int HEADER_SIZE = 12;
    /** A reading is a few hundred bytes at most; anything near this is a damaged length field. */
    public static final int MAX_PAYLOAD = 16 << 20;

    private RecordFormat() {}

    /** Fills in the header of the record whose payload was written at {@code [start + HEADER_SIZE, end)}. */
    public static void seal(ByteBuffer buffer, int start, int end, int seqOffset, CRC32C crc) {
        buffer.putInt(start + 4, end - start - HEADER_SIZE);
        buffer.putInt(start + 8, seqOffset);
        buffer.putInt(start, checksum(buffer, start, end, crc));
    }

    /** The CRC32C of a record frame {@code [start, end)}, over everything after its checksum field. */
    public static int checksum(ByteBuffer buffer, int start, int end, CRC32C crc) {
        int position = buffer.position();
        int limit = buffer.limit();
        crc.reset();
        buffer.limit(end).position(start + 4);
        crc.update(buffer);
        buffer.limit(limit).position(position);
        return (int) crc.getValue();
    }
}
