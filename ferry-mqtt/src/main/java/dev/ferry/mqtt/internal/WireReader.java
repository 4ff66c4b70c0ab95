package dev.ferry.mqtt.internal;

/**
 * Reads MQTT's data types from one packet's body, never past its end: running out of bytes, a string that is not
 * well-formed UTF-8 or a variable byte integer longer than four bytes make the packet malformed.
 */
final class WireReader {

    private final byte[] buf;
    private int pos;
    private int limit;

    WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    int remaining() {
        return limit - pos;
    }

    int u8() throws MalformedPacketException {
        need(1, "a byte");
        return buf[pos++] & 0xFF;
    }

    int u16() throws MalformedPacketException {
        need(2, "a two-byte integer");
        int value = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return value;
    }

    long u32() throws MalformedPacketException {
        need(4, "a four-byte integer");
        long value = (long) (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
        pos += 4;
        return value;
    }

    int varInt() throws MalformedPacketException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = u8();
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw MalformedPacketException.malformed("variable byte integer is not in its shortest form");
                }
                return value;
            }
        }
        throw MalformedPacketException.malformed("variable byte integer longer than 4 bytes");
    }

    String utf8(String what) throws MalformedPacketException {
        int length = u16();
        need(length, what + " of " + length + " bytes");
        String s = Utf8.decode(buf, pos, length, what);
        pos += length;
        return s;
    }

    byte[] binary(String what) throws MalformedPacketException {
        int length = u16();
        return bytes(length, what);
    }

    byte[] bytes(int length, String what) throws MalformedPacketException {
        need(length, what + " of " + length + " bytes");
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    /** Narrows reading to the next {@code length} bytes; returns the old limit for {@link #popLimit}. */
    int pushLimit(int length, String what) throws MalformedPacketException {
        need(length, what + " of " + length + " bytes");
        int old = limit;
        limit = pos + length;
        return old;
    }

    void popLimit(int oldLimit) {
        limit = oldLimit;
    }

    void expectEnd(String packet) throws MalformedPacketException {
        if (pos != limit) {
            throw MalformedPacketException.malformed(packet + " has " + (limit - pos) + " unexpected trailing bytes");
        }
    }

    private void need(int n, String what) throws MalformedPacketException {
        if (n > limit - pos) {
            throw MalformedPacketException.malformed("packet ends before " + what + " (" + (limit - pos) + " bytes left)");
        }
    }
}
