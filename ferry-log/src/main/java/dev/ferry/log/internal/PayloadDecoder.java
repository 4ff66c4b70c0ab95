package dev.ferry.log.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Reads one payload written by {@link dev.ferry.log.ReadingCodec}; checks every length against the payload's end,
 * so damaged bytes that slipped past the checksum raise {@link IllegalArgumentException} instead of a wrong reading.
 * The flag constants are the payload format's, shared with the encoder.
 */
public final class PayloadDecoder {

    public static final int KIND_MASK = 0b111;
    public static final int NUM = 0;
    public static final int INT = 1;
    public static final int FALSE = 2;
    public static final int TRUE = 3;
    public static final int TEXT = 4;
    public static final int BYTES = 5;
    /** Time does not fit a signed 64-bit count of nanoseconds (before 1677 or after 2262). */
    public static final int WIDE_TIME = 1 << 3;
    public static final int HAS_UNIT = 1 << 4;
    public static final int HAS_TAGS = 1 << 5;
    public static final int KNOWN_FLAGS = KIND_MASK | WIDE_TIME | HAS_UNIT | HAS_TAGS;

    private final ByteBuffer in;
    private final int end;
    private final @Nullable StringTable names;
    private int at;

    /** Decodes {@code in[at, end)}; {@code names}, when given, is where repeated names come from. */
    public PayloadDecoder(ByteBuffer in, int at, int end, @Nullable StringTable names) {
        this.in = in;
        this.at = at;
        this.end = end;
        this.names = names;
    }

    /**
     * Reads the reading stored in {@code in[offset, offset + length)} without moving {@code in}'s position.
     *
     * @throws IllegalArgumentException if those bytes are not one encoded reading
     */
    public static Reading decode(ByteBuffer in, int offset, int length, @Nullable StringTable names) {
        PayloadDecoder d = new PayloadDecoder(in, offset, offset + length, names);
        try {
            Reading reading = d.reading();
            if (d.remaining() != 0) {
                throw new IllegalArgumentException(d.remaining() + " bytes left over after the reading");
            }
            return reading;
        } catch (IndexOutOfBoundsException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException("truncated or malformed reading: " + e.getMessage(), e);
        }
    }

    public Reading reading() {
        int flags = u8();
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("unknown flags " + Integer.toBinaryString(flags));
        }
        String source = name();
        String metric = name();
        String unit = (flags & HAS_UNIT) != 0 ? name() : "";
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

    private Map<String, String> tags() {
        String[] pairs = new String[2 * length()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = name();
        }
        return names != null ? names.tags(pairs) : StringTable.mapOf(pairs);
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

    /** A string that is likely to repeat from reading to reading. */
    private String name() {
        if (names == null) {
            return string();
        }
        int length = length();
        String name = names.string(in, at, length);
        at += length;
        return name;
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

    /** Bytes of the payload not consumed by {@link #reading()}. */
    public int remaining() {
        return end - at;
    }
}
