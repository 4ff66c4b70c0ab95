package dev.ferry.api;

/**
 * Readings that were committed to the log but will never be delivered, and why. Sinks forward gaps so the far
 * end knows what was lost instead of guessing from missing sequence numbers.
 *
 * @param agent the agent id, as in {@link ReadingId}
 * @param epoch the log epoch, as in {@link ReadingId}
 * @param firstSeq first lost sequence number
 * @param lastSeq last lost sequence number (inclusive)
 * @param reason why they were lost
 */
public record Gap(String agent, String epoch, long firstSeq, long lastSeq, GapReason reason) implements LogEntry {

    public Gap {
        if (lastSeq < firstSeq) {
            throw new IllegalArgumentException("gap " + firstSeq + ".." + lastSeq + " is empty");
        }
    }

    public long count() {
        return lastSeq - firstSeq + 1;
    }
}
