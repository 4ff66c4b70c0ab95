package dev.ferry.format.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does ({@code 2026-11-21T20:31:05.123Z}: fraction in
 * groups of three digits, none when zero) without building a String. The date and time of day are kept for the last
 * second written: readings in a batch are close in time, so most share it. Not thread-safe.
 */
final class Rfc3339 {

    /** {@code yyyy-MM-ddTHH:mm:ss}. */
    private static final int PREFIX_LENGTH = 19;
    private static final long FIRST_FOUR_DIGIT_YEAR = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long AFTER_LAST_FOUR_DIGIT_YEAR = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private final byte[] prefix = new byte[PREFIX_LENGTH];
    private long prefixSecond = Long.MIN_VALUE;

    /** The longest form this writes: prefix, nine fraction digits and {@code Z}. */
    static final int MAX_LENGTH = PREFIX_LENGTH + 1 + 9 + 1;

    /**
     * Writes {@code time} into {@code out} at {@code at} and returns the position after it; {@code out} must have room
     * for {@link #MAX_LENGTH} bytes, or for the {@link Instant#toString()} form of a time outside the years 0–9999.
     */
    int write(Instant time, byte[] out, int at) {
        long second = time.getEpochSecond();
        if (second < FIRST_FOUR_DIGIT_YEAR || second >= AFTER_LAST_FOUR_DIGIT_YEAR) {
            byte[] text = time.toString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, out, at, text.length);
            return at + text.length;
        }
        if (second != prefixSecond) {
            fillPrefix(second);
        }
        System.arraycopy(prefix, 0, out, at, PREFIX_LENGTH);
        int i = at + PREFIX_LENGTH;
        int nano = time.getNano();
        if (nano != 0) {
            out[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = digits(nano / 1_000_000, 3, out, i);
            } else if (nano % 1_000 == 0) {
                i = digits(nano / 1_000, 6, out, i);
            } else {
                i = digits(nano, 9, out, i);
            }
        }
        out[i++] = 'Z';
        return i;
    }

    /** The longest form of {@code time} this writes, to size a buffer before {@link #write}. */
    static int maxLength(Instant time) {
        long second = time.getEpochSecond();
        return second < FIRST_FOUR_DIGIT_YEAR || second >= AFTER_LAST_FOUR_DIGIT_YEAR ? time.toString().length() : MAX_LENGTH;
    }

    private void fillPrefix(long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        digits(t.getYear(), 4, prefix, 0);
        prefix[4] = '-';
        digits(t.getMonthValue(), 2, prefix, 5);
        prefix[7] = '-';
        digits(t.getDayOfMonth(), 2, prefix, 8);
        prefix[10] = 'T';
        digits(t.getHour(), 2, prefix, 11);
        prefix[13] = ':';
        digits(t.getMinute(), 2, prefix, 14);
        prefix[16] = ':';
        digits(t.getSecond(), 2, prefix, 17);
        prefixSecond = second;
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded. */
    private static int digits(int value, int width, byte[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
