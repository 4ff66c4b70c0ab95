package dev.ferry.source.serial.internal;

import dev.ferry.api.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** A decoder of text lines; blank lines are skipped, as devices often send a bare CR LF. */
abstract class AsciiDecoder implements FrameDecoder {

    @Override
    public final void decode(byte[] frame, int offset, int length, Instant time, List<Reading> out)
            throws MalformedFrameException {
        // ISO-8859-1 maps each byte to one char: cheap, and garbage bytes stay visible in messages.
        String line = new String(frame, offset, length, StandardCharsets.ISO_8859_1);
        if (!line.isBlank() && !decodeLine(line, time, out)) {
            throw new MalformedFrameException("no configured field in " + Printable.line(line));
        }
    }

    /** Adds the readings of one non-blank line; returns false when the line held none of the configured fields. */
    abstract boolean decodeLine(String line, Instant time, List<Reading> out) throws MalformedFrameException;
}
