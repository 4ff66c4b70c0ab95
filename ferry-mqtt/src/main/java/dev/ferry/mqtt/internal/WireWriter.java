package dev.ferry.mqtt.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that encodes MQTT's data types. The writer thread keeps one and encodes packet after packet
 * into it, so a burst of small PUBLISH packets leaves in one socket write and costs no per-message buffers.
 *
 * <p>Lengths that precede their content (remaining length, property length) are written by reserving room for the
 * longest variable byte integer, writing the content, then writing the length and sliding the content back.
 */
public final class WireWriter {

    /** The largest value a variable byte integer can hold. */
    public static final int MAX_VARINT = 268_435_455;
    private static final int MAX_VARINT_BYTES = 4;

    private byte[] buf;
    private int size;

    public WireWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    public int size() {
        return size;
    }

    /** Drops everything from {@code mark} on, to undo a packet that may not be sent. */
    public void truncate(int mark) {
        size = mark;
    }

    /** Writes the content to {@code out}, empties this buffer and, when a large packet made it grow, shrinks it back. */
    public void drainTo(OutputStream out, int capacityToKeep) throws IOException {
        out.write(buf, 0, size);
        size = 0;
        if (buf.length > capacityToKeep * 4) {
            buf = new byte[capacityToKeep];
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
    }

    void u16(int value) {
        ensure(2);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
    }

    void u32(long value) {
        ensure(4);
        buf[size++] = (byte) (value >>> 24);
        buf[size++] = (byte) (value >>> 16);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
    }

    void varInt(int value) {
        if (value < 0 || value > MAX_VARINT) {
            throw new IllegalArgumentException("a variable byte integer holds 0 to " + MAX_VARINT + ", was " + value);
        }
        ensure(MAX_VARINT_BYTES);
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            buf[size++] = (byte) (value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    static int varIntSize(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    void bytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, buf, size, data.length);
        size += data.length;
    }

    /** Binary data: a two-byte length, then the bytes. */
    void binary(byte[] data) {
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("binary data holds at most 65535 bytes, was " + data.length);
        }
        u16(data.length);
        bytes(data);
    }

    /** A UTF-8 string: a two-byte length, then the bytes, encoded here so no temporary array is made. */
    void utf8(String s) {
        int length = Utf8.check(s, "string");
        u16(length);
        ensure(length);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[size++] = (byte) (0xF0 | cp >> 18);
                buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | cp & 0x3F);
            } else {
                buf[size++] = (byte) (0xE0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    /** Reserves room for a variable byte integer length of what follows; pass the result to {@link #endLength}. */
    int beginLength() {
        ensure(MAX_VARINT_BYTES);
        int mark = size;
        size += MAX_VARINT_BYTES;
        return mark;
    }

    /** Writes the length of everything since {@code mark} and slides it back to follow the length directly. */
    void endLength(int mark) {
        int contentStart = mark + MAX_VARINT_BYTES;
        int length = size - contentStart;
        int end = size;
        size = mark;
        varInt(length);
        System.arraycopy(buf, contentStart, buf, size, length);
        size += length;
        assert size <= end;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) size + more, (long) buf.length * 2);
            buf = Arrays.copyOf(buf, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }
}
