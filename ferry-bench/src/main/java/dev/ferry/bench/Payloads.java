package dev.ferry.bench;

import dev.ferry.api.Reading;
import dev.ferry.log.ReadingCodec;
import java.util.List;

/**
 * A reading's payload: the bytes the Ferry log stores for it, made by the log's own codec. The SQLite
 * reference stores exactly these bytes, so both sides carry the same payload and write amplification is
 * measured against the same denominator.
 */
final class Payloads {

    private Payloads() {}

    static byte[] encode(Reading reading) {
        return ReadingCodec.encode(reading);
    }

    static Reading decode(byte[] payload) {
        return ReadingCodec.decode(payload);
    }

    static long totalBytes(List<Reading> readings) {
        long total = 0;
        for (Reading reading : readings) {
            total += encode(reading).length;
        }
        return total;
    }
}
