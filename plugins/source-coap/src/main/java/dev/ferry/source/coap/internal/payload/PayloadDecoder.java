package dev.ferry.source.coap.internal.payload;

import dev.ferry.api.Reading;
import java.time.Instant;
import java.util.List;

/** Reads one payload format. Implementations are stateless and thread-safe. */
public interface PayloadDecoder {

    /**
     * The readings in {@code payload}, all or none.
     *
     * @param source the name the readings carry
     * @param now the arrival time: the time of readings that give none, and the origin of relative times
     */
    List<Reading> decode(byte[] payload, String source, Instant now) throws MalformedPayloadException;
}
