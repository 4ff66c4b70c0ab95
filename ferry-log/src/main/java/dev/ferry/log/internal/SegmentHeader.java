package dev.ferry.log.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The 40 bytes at the start of every segment file:
 *
 * <pre>
 * magic "FERRYSEG" | version u16 | reserved u16 | base seq i64 | created at i64 | previous last append i64 | crc32c u32
 * </pre>
 *
 * Times are epoch milliseconds by the log's clock.
 *
 * @param baseSeq sequence number of the segment's first record; also its file name
 * @param createdAtMillis when the segment was started; no record in it is older
 * @param previousLastAppendMillis when the previous segment last got a record; no record in it is younger, so age
 *     retention can judge a sealed segment without reading it
 */
public record SegmentHeader(long baseSeq, long createdAtMillis, long previousLastAppendMillis) {

    public static final int SIZE = 40;
    public static final short VERSION = 1;
    private static final byte[] MAGIC = "FERRYSEG".getBytes(StandardCharsets.US_ASCII);

    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(MAGIC).putShort(VERSION).putShort((short) 0).putLong(baseSeq).putLong(createdAtMillis)
                .putLong(previousLastAppendMillis);
        b.putInt(crc(b.array()));
        return b.flip();
    }

    /** The header in {@code bytes}, or empty if they are not an intact header of this version. */
    public static Optional<SegmentHeader> decode(byte[] bytes) {
        if (bytes.length < SIZE || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, SIZE);
        if (b.getShort(8) != VERSION || b.getInt(SIZE - 4) != crc(bytes)) {
            return Optional.empty();
        }
        return Optional.of(new SegmentHeader(b.getLong(12), b.getLong(20), b.getLong(28)));
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, SIZE - 4);
        return (int) crc.getValue();
    }
}
