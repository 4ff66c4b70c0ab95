package dev.ferry.log;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    private static final int KIND_MASK = 0b111;
    private static final int NUM = 0;
    private static final int INT = 1;
    private static final int FALSE = 2;
    private static final int TRUE = 3;
    private static final int TEXT = 4;
    private static final int BYTES = 5;
    /** Time does not fit a signed 64-bit count of nanoseconds (before 1677 or after 2262). */
    private static final int WIDE_TIME = 1 << 3;
    private static final int HAS_UNIT = 1 << 4;
    private static final int HAS_TAGS = 1 << 5;
    private static final int KNOWN_FLAGS = KIND_MASK | WIDE_TIME | HAS_UNIT | HAS_TAGS;
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
        Decoder d = new Decoder(in, offset, offset + length);
        try {
            Reading reading = d.reading();
            if (d.at != d.end) {
                throw new IllegalArgumentException((d.end - d.at) + " bytes left over after the reading");
            }
            return reading;
        } catch (IndexOutOfBoundsException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException("truncated or malformed reading: " + e.getMessage(), e);
        }
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

    /** A read position over one payload; checks every length against the payload's end. */
    private static final class Decoder {
        private final ByteBuffer in;
        private final int end;
        private int at;

        Decoder(ByteBuffer in, int at, int end) {
            this.in = in;
            this.at = at;
            this.end = end;
        }

        Reading reading() {
            int flags = u8();
            if ((flags & ~KNOWN_FLAGS) != 0) {
                throw new IllegalArgumentException("unknown flags " + Integer.toBinaryString(flags));
            }
            String source = string();
            String metric = string();
            String unit = (flags & HAS_UNIT) != 0 ? string() : "";
            Value value = switch (flags & KIND_MASK) {
                case NUM -> new Value.Num(Double.longBitsToDouble(fixed64()));
                case INT -> {
                    long zigzag = varLong();
                    yield new Value.Int((zigzag >>> 1) ^ -(zigzag & 1));
                }
                case FALSE -> new Value.Bool(false);
                case TRUE -> new Value.Bool(true);
                case TEXT -> new Value.Text(string());
                case BYTES -> new Value.Bytes(bytes(length()));
                default -> throw new IllegalArgumentException("unknown value kind " + (flags & KIND_MASK));
            };
            Instant time;
            if ((flags & WIDE_TIME) != 0) {
                long seconds = fixed64();
                time = Instant.ofEpochSecond(seconds, fixed32());
            } else {
                time = Instant.ofEpochSecond(0, fixed64());
            }
            Map<String, String> tags = (flags & HAS_TAGS) != 0 ? tags() : Map.of();
            return new Reading(source, metric, value, unit, time, tags);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Map<String, String> tags() {
            int count = length();
            Map.Entry<String, String>[] entries = new Map.Entry[count];
            for (int i = 0; i < count; i++) {
                entries[i] = Map.entry(string(), string());
            }
            return Map.ofEntries(entries);
        }

        private int u8() {
            check(1);
            return in.get(at++) & 0xFF;
        }

        private long fixed64() {
            check(8);
            long v = in.getLong(at);
            at += 8;
            return v;
        }

        private int fixed32() {
            check(4);
            int v = in.getInt(at);
            at += 4;
            return v;
        }

        private long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }

        private int length() {
            long n = varLong();
            if (n < 0 || n > end - at) {
                throw new IllegalArgumentException("length " + n + " exceeds the " + (end - at) + " bytes left");
            }
            return (int) n;
        }

        private String string() {
            return new String(bytes(length()), StandardCharsets.UTF_8);
        }

        private byte[] bytes(int n) {
            check(n);
            byte[] b = new byte[n];
            in.get(at, b);
            at += n;
            return b;
        }

        private void check(int n) {
            if (end - at < n) {
                throw new IllegalArgumentException("needs " + n + " bytes, " + (end - at) + " left");
            }
        }
    }
}
