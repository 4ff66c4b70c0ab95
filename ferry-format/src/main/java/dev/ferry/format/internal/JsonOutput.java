package dev.ferry.format.internal;

import dev.ferry.api.ReadingId;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;

/**
 * A UTF-8 JSON writer for Ferry's fixed-shape objects: the caller writes the punctuation, this writes strings,
 * numbers, times and reading IDs into a growable byte array. It exists because a general-purpose generator spent a
 * third of a draining sink's CPU on bookkeeping a fixed shape does not need; names that repeat in every reading
 * (source, metric, unit, tags) are escaped once and then copied. Not thread-safe.
 */
public final class JsonOutput {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Strings up to this length have their escaped form remembered; longer ones are rarely repeated names. */
    private static final int CACHED_MAX_LENGTH = 64;
    private static final int CACHE_SLOTS = 64;

    private byte[] bytes;
    private int size;
    private final Rfc3339 times = new Rfc3339();
    private final StringBuilder decimal = new StringBuilder(32);
    private final String[] cachedStrings = new String[CACHE_SLOTS];
    private final byte[][] cachedForms = new byte[CACHE_SLOTS][];
    private String idAgent;
    private String idEpoch;
    private byte[] idPrefix;

    public JsonOutput(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Writes one ASCII character of JSON punctuation. */
    public void raw(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
    }

    /** Writes bytes that are already JSON, such as a field name with its quotes and colon. */
    public void raw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, bytes, size, json.length);
        size += json.length;
    }

    /** Writes {@code s} as a JSON string: quoted, escaped per RFC 8259, UTF-8. */
    public void string(String s) {
        if (s.length() > CACHED_MAX_LENGTH) {
            escaped(s);
            return;
        }
        int slot = s.hashCode() & (CACHE_SLOTS - 1);
        if (cachedStrings[slot] != s) {
            int start = size;
            escaped(s);
            cachedStrings[slot] = s;
            cachedForms[slot] = Arrays.copyOfRange(bytes, start, size);
            return;
        }
        raw(cachedForms[slot]);
    }

    public void number(long value) {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            bytes[size++] = '-';
            value = -value;
        }
        int length = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            length++;
        }
        for (int i = size + length - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += length;
    }

    /** Writes a finite double in the shortest form that reads back the same, as {@link Double#toString} does. */
    public void number(double value) {
        decimal.setLength(0);
        decimal.append(value);
        ascii(decimal);
    }

    /** Writes {@code time} as a quoted RFC 3339 string in UTC, the same text as {@link Instant#toString()}. */
    public void time(Instant time) {
        ensure(Rfc3339.maxLength(time) + 2);
        bytes[size++] = '"';
        size = times.write(time, bytes, size);
        bytes[size++] = '"';
    }

    /** Writes {@code id} as the quoted string {@code agent:epoch:seq}. */
    public void readingId(ReadingId id) {
        if (!id.agent().equals(idAgent) || !id.epoch().equals(idEpoch)) {
            int start = size;
            escaped(id.agent() + ":" + id.epoch() + ":");
            idPrefix = Arrays.copyOfRange(bytes, start, size - 1); // without the closing quote
            size = start;
            idAgent = id.agent();
            idEpoch = id.epoch();
        }
        raw(idPrefix);
        number(id.seq());
        raw('"');
    }

    public int size() {
        return size;
    }

    /** Drops what was written after {@code mark}, a value {@link #size()} returned earlier. */
    public void truncate(int mark) {
        size = mark;
    }

    /** Empties the buffer; the remembered strings stay. */
    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void ascii(CharSequence text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void escaped(String s) {
        int n = s.length();
        ensure(n * 6 + 2); // the longest a char can become is a six-byte escape
        byte[] b = bytes;
        int at = size;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                } else {
                    at = escape(c, b, at);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else {
                // A lone surrogate has no UTF-8 form; U+FFFD keeps the rest of the message valid.
                char safe = Character.isSurrogate(c) ? '\uFFFD' : c;
                b[at++] = (byte) (0xE0 | safe >> 12);
                b[at++] = (byte) (0x80 | safe >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | safe & 0x3F);
            }
        }
        b[at++] = '"';
        size = at;
    }

    private static int escape(char c, byte[] b, int at) {
        b[at++] = '\\';
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm != 0) {
            b[at++] = (byte) shortForm;
            return at;
        }
        b[at++] = 'u';
        b[at++] = '0';
        b[at++] = '0';
        b[at++] = HEX[c >> 4];
        b[at++] = HEX[c & 0xF];
        return at;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
