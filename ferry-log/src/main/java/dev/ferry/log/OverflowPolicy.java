package dev.ferry.log;

/** What the log does when it holds {@code log.max_bytes} and sinks have not caught up. */
public enum OverflowPolicy {
    /** Evict the oldest segments even if sinks have not read them; cursors get an explicit gap. */
    DROP_OLDEST,
    /** Make {@link DurableLog#append} wait until sinks acknowledge enough for segments to be deleted. */
    BLOCK
}
