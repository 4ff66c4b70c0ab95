package dev.ferry.source.serial.internal;

import dev.ferry.api.Reading;
import java.time.Instant;
import java.util.List;

/** Turns one whole frame into readings. Not thread-safe: one per read session, used by its reader thread only. */
interface FrameDecoder {

    /**
     * Adds the readings of {@code frame[offset, offset+length)} to {@code out}; for a binary frame that is the
     * payload. Throws when the frame makes no sense; the caller then drops whatever was added.
     */
    void decode(byte[] frame, int offset, int length, Instant time, List<Reading> out) throws MalformedFrameException;
}
