package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import java.util.List;

/**
 * One MQTT message to publish, before it meets the client.
 *
 * @param entries the log entries it carries, in order: one reading, the readings of a batch message, or one gap;
 *     those the broker refuses with it
 * @param batch whether it is a batch message (an array or a pack on the batch topic), which names its readings by
 *     first and last ID even when it holds only one, so that a consumer of the batch topic finds the same properties
 *     on every message
 */
public record Outgoing(String topic, byte[] payload, List<LogEntry> entries, boolean batch) {

    public Outgoing {
        entries = List.copyOf(entries);
    }

    /** The ID of the first reading it carries (a user property in MQTT 5); empty for a gap. */
    public String firstId() {
        return idOf(entries.getFirst());
    }

    /** The ID of the last reading it carries; the same as {@link #firstId()} for a single reading. */
    public String lastId() {
        return idOf(entries.getLast());
    }

    private static String idOf(LogEntry entry) {
        return entry instanceof StoredReading stored ? stored.id().toString() : "";
    }
}
