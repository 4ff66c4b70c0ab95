package dev.ferry.bench.count;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Finds the sequence numbers in a JSON payload of the sink ({@code "seq":42} in each reading object, one object or an
 * array of them) without parsing the JSON: a byte scan, so counting keeps up with half a million readings a second
 * while the agent and the broker share the machine. The workload's strings never contain {@code "seq":}, so every
 * match is a reading.
 */
public final class SeqScanner {

    private static final byte[] KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private SeqScanner() {}

    /** Calls {@code each} with every sequence number in {@code payload}; returns how many there were. */
    public static int scan(ByteBuffer payload, LongConsumer each) {
        int found = 0;
        int end = payload.limit();
        int i = payload.position();
        while (i <= end - KEY.length) {
            if (payload.get(i) != '"' || !keyAt(payload, i)) {
                i++;
                continue;
            }
            i += KEY.length;
            long seq = 0;
            int digits = 0;
            for (byte b; i < end && (b = payload.get(i)) >= '0' && b <= '9'; i++, digits++) {
                seq = seq * 10 + (b - '0');
            }
            if (digits > 0) {
                each.accept(seq);
                found++;
            }
        }
        return found;
    }

    private static boolean keyAt(ByteBuffer payload, int at) {
        for (int k = 1; k < KEY.length; k++) {
            if (payload.get(at + k) != KEY[k]) {
                return false;
            }
        }
        return true;
    }
}
