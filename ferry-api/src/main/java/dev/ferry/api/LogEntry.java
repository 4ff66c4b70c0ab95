package dev.ferry.api;

/** What a sink receives from the log: a stored reading, or an explicit gap where readings were lost. */
public sealed interface LogEntry permits StoredReading, Gap {

    /** The first sequence number this entry covers. */
    long firstSeq();

    /** The last sequence number this entry covers (inclusive). */
    long lastSeq();
}
