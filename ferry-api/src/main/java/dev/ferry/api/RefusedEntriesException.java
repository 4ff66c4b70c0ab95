package dev.ferry.api;

import java.io.IOException;
import java.util.List;

/**
 * Fails a {@link Sink#send} stage when the far end refused some entries of the batch for good (an MQTT 5 PUBACK of
 * 0x80 or above, a CoAP 4.xx) or the sink found them impossible to send (a topic longer than the protocol allows),
 * while it delivered every other entry of the batch.
 *
 * <p>The sink only says which entries and why; what becomes of them is the runtime's, for every sink alike: by
 * default they go to the sink's dead-letter store and the cursor moves past the batch; under
 * {@code on_refused: retry} they stay in the log and the whole batch is sent again after a backoff. Never fail a
 * stage with this for a transient fault (a lost connection, a timeout, a 5.xx): those are plain {@link IOException}s
 * and are always retried.
 */
public final class RefusedEntriesException extends IOException {

    /** One refused entry of the batch and why it was refused. */
    public record Refused(LogEntry entry, Refusal refusal) {}

    private final List<Refused> refused;

    /** @param refused at least one entry, each belonging to the batch that was sent */
    public RefusedEntriesException(List<Refused> refused) {
        super(summary(refused));
        this.refused = List.copyOf(refused);
    }

    /** A batch of which exactly these entries were refused, all for the same reason. */
    public static RefusedEntriesException of(List<? extends LogEntry> entries, Refusal refusal) {
        return new RefusedEntriesException(entries.stream().map(e -> new Refused(e, refusal)).toList());
    }

    public List<Refused> refused() {
        return refused;
    }

    private static String summary(List<Refused> refused) {
        if (refused.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one refused entry");
        }
        return refused.getFirst().refusal().reason();
    }
}
