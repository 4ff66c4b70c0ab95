package dev.ferry.source.serial.internal;

import dev.ferry.api.Reading;
import java.time.Instant;
import java.util.List;

/** The payload of a binary frame whose checksum was already verified: each field at its byte offset. */
final class BinaryDecoder implements FrameDecoder {

    private final FieldReader[] fields;

    BinaryDecoder(FieldReader[] fields) {
        this.fields = fields.clone();
    }

    @Override
    public void decode(byte[] frame, int offset, int length, Instant time, List<Reading> out) throws MalformedFrameException {
        for (FieldReader field : fields) {
            if (!field.fits(length)) {
                throw new MalformedFrameException("payload of " + length + " byte(s) is too short for " + field.metric()
                        + " (" + field.span() + "): " + Printable.bytes(frame, offset, length));
            }
            out.add(field.fromBytes(frame, offset, time));
        }
    }
}
