package dev.ferry.sink.coap.internal;

import dev.ferry.api.LogEntry;
import java.util.List;

/**
 * The payload of one request, and the log entries it carries (to name those a server refused, and in messages).
 */
public record Part(byte[] payload, List<LogEntry> entries) {

    public Part {
        entries = List.copyOf(entries);
    }

    public long firstSeq() {
        return entries.getFirst().firstSeq();
    }

    public long lastSeq() {
        return entries.getLast().lastSeq();
    }

    /** {@code seq 5..9} or {@code seq 5}, for messages. */
    public String seqRange() {
        return firstSeq() == lastSeq() ? "seq " + firstSeq() : "seq " + firstSeq() + ".." + lastSeq();
    }
}
