package dev.ferry.api;

/** A reading as the log holds it, with its ID. */
public record StoredReading(ReadingId id, Reading reading) implements LogEntry {

    @Override
    public long firstSeq() {
        return id.seq();
    }

    @Override
    public long lastSeq() {
        return id.seq();
    }
}
