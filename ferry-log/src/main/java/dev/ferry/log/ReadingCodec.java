package dev.ferry.log;

import static dev.ferry.log.internal.PayloadDecoder.BYTES;
import static dev.ferry.log.internal.PayloadDecoder.FALSE;
import static dev.ferry.log.internal.PayloadDecoder.HAS_TAGS;
import static dev.ferry.log.internal.PayloadDecoder.HAS_UNIT;
import static dev.ferry.log.internal.PayloadDecoder.INT;
import static dev.ferry.log.internal.PayloadDecoder.NUM;
import static dev.ferry.log.internal.PayloadDecoder.TEXT;
import static dev.ferry.log.internal.PayloadDecoder.TRUE;
import static dev.ferry.log.internal.PayloadDecoder.WIDE_TIME;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.log.internal.PayloadDecoder;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The compact binary form of a {@link Reading} that the log stores as a record payload (drawn in {@code BUFFER.md}).
 *
 * <pre>
 * flags u8 | source str | metric str | [unit str] | value | time | [tag count varint, (key str, value str)*]
 * str = varint byte length + UTF-8
 * </pre>
 *
 * Stateless and thread-safe. Encoding allocates nothing for ASCII strings, which is what field devices send.
 */
public final class ReadingCodec {

    private static final long MAX_NARROW_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private ReadingCodec() {}

    /**
     * Writes {@code reading} at {@code out}'s position and advances it.
     *
     * @return the number of bytes written
     * @throws BufferOverflowException if {@code out} has no room; its position is then undefined
     */
    public static int encode(Reading reading, ByteBuffer out) {
        int start = out.position();
        Value value = reading.value();
        int flags = switch (value) {
            case Value.Num n -> NUM;
            case Value.Int i -> INT;
            case Value.Bool b -> b.value() ? TRUE : FALSE;
            case Value.Text t -> TEXT;
            case Value.Bytes b -> BYTES;
        };
        long seconds = reading.time().getEpochSecond();
        boolean wide = seconds > MAX_NARROW_SECONDS || seconds < -MAX_NARROW_SECONDS;
        flags |= wide ? WIDE_TIME : 0;
        flags |= reading.unit().isEmpty() ? 0 : HAS_UNIT;
        flags |= reading.tags().isEmpty() ? 0 : HAS_TAGS;
        out.put((byte) flags);
        putString(out, reading.source());
        putString(out, reading.metric());
        if (!reading.unit().isEmpty()) {
            putString(out, reading.unit());
        }
        switch (value) {
            case Value.Num n -> out.putDouble(n.value());
            case Value.Int i -> putVarLong(out, (i.value() << 1) ^ (i.value() >> 63));
            case Value.Bool b -> { }
            case Value.Text t -> putString(out, t.value());
            case Value.Bytes b -> {
                byte[] bytes = b.value();
                putVarLong(out, bytes.length);
                out.put(bytes);
            }
        }
        if (wide) {
            out.putLong(seconds);
            out.putInt(reading.time().getNano());
        } else {
            out.putLong(seconds * 1_000_000_000L + reading.time().getNano());
        }
        if (!reading.tags().isEmpty()) {
            putVarLong(out, reading.tags().size());
            for (Map.Entry<String, String> tag : reading.tags().entrySet()) {
                putString(out, tag.getKey());
                putString(out, tag.getValue());
            }
        }
        return out.position() - start;
    }

    /**
     * An upper bound of the encoded size, from string lengths alone (no encoding), so oversized readings can be
     * refused before they reach the writer.
     */
    public static long maxEncodedSize(Reading reading) {
        long size = 1 + 8 + 12 + bound(reading.source()) + bound(reading.metric()) + bound(reading.unit());
        size += switch (reading.value()) {
            case Value.Text t -> bound(t.value());
            case Value.Bytes b -> 10L + b.value().length;
            default -> 10;
        };
        size += 10;
        for (Map.Entry<String, String> tag : reading.tags().entrySet()) {
            size += bound(tag.getKey()) + bound(tag.getValue());
        }
        return size;
    }

    private static long bound(String s) {
        return 10 + 3L * s.length();
    }

    /** The encoded form as a new array. */
    public static byte[] encode(Reading reading) {
        int capacity = 256;
        while (true) {
            ByteBuffer buffer = ByteBuffer.allocate(capacity);
            try {
                int length = encode(reading, buffer);
                byte[] bytes = new byte[length];
                buffer.get(0, bytes);
                return bytes;
            } catch (BufferOverflowException tooSmall) {
                capacity *= 4;
            }
        }
    }

    public static Reading decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /**
     * Reads the reading stored in {@code in[offset, offset + length)} without moving {@code in}'s position.
     *
     * @throws IllegalArgumentException if those bytes are not one encoded reading
     */
    public static Reading decode(ByteBuffer in, int offset, int length) {
        return PayloadDecoder.decode(in, offset, length, null);
    }

    private static void putString(ByteBuffer out, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                putVarLong(out, utf8.length);
                out.put(utf8);
                return;
            }
        }
        putVarLong(out, n);
        for (int i = 0; i < n; i++) {
            out.put((byte) s.charAt(i));
        }
    }

    private static void putVarLong(ByteBuffer out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }
}
