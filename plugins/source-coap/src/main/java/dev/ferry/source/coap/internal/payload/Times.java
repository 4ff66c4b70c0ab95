package dev.ferry.source.coap.internal.payload;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times in payloads: SenML's seconds (absolute or relative to now) and RFC 3339 text. */
final class Times {

    /** RFC 8428: a time below 2^28 seconds is relative to now, anything else is seconds since the epoch. */
    static final double RELATIVE_BELOW = 1 << 28;
    /** Around the year 5000: anything further out is a mistake, and would overflow the arithmetic below. */
    private static final double LIMIT = 1e11;

    private Times() {}

    /** Resolves SenML seconds: relative (negative is the past) below 2^28, absolute from there on. */
    static Instant fromSeconds(double seconds, Instant now, String where) throws MalformedPayloadException {
        if (!Double.isFinite(seconds) || seconds > LIMIT || seconds < -LIMIT) {
            throw new MalformedPayloadException(where + ": time " + seconds + " is out of range");
        }
        if (seconds < RELATIVE_BELOW) {
            return now.plusNanos(Math.round(seconds * 1e9));
        }
        long micros = Math.round(seconds * 1e6); // doubles hold today's epoch seconds to well under a microsecond
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** An RFC 3339 time with a zone offset, e.g. {@code 2026-01-02T03:04:05.5Z}. */
    static Instant fromText(String text, String where) throws MalformedPayloadException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedPayloadException(where + ": `time` \"" + text + "\" is not an RFC 3339 time such as"
                    + " 2026-01-02T03:04:05Z");
        }
    }
}
