package dev.ferry.api;

/** Why committed readings were lost before delivery. */
public enum GapReason {
    /** The log reached its byte limit and the overflow policy {@code drop-oldest} evicted them. */
    RETENTION_BYTES,
    /** They were older than the log's age limit. */
    RETENTION_AGE,
    /** Their bytes on disk failed the checksum; they were moved to quarantine. */
    CORRUPT,
    /** The disk was full and the overflow policy {@code drop-oldest} evicted them to make room. */
    DISK_FULL;

    /** The kebab-case name used in output and metrics, e.g. {@code retention-bytes}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
