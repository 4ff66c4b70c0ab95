package dev.ferry.api;

import java.util.List;

/** Consecutive log entries for one sink, oldest first. */
public record Batch(List<LogEntry> entries) {

    public Batch {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one entry");
        }
    }

    public long firstSeq() {
        return entries.getFirst().firstSeq();
    }

    public long lastSeq() {
        return entries.getLast().lastSeq();
    }

    public int size() {
        return entries.size();
    }
}
