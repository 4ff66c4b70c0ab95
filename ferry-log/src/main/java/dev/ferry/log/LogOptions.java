package dev.ferry.log;

import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code log:} section of the config. Invalid combinations are refused here, with the key named, so a bad
 * config fails at load and never at the first append.
 */
public record LogOptions(
        @Doc("Size at which a segment file is sealed and a new one started (bytes). Retention deletes whole segments, "
                + "so smaller segments free space in smaller steps.")
        @Default("64MiB") DataSize segmentSize,
        @Doc("Group-commit latency bound: the longest an appended reading waits before the fsync that makes it "
                + "durable starts. 0 commits as soon as the writer is free.")
        @Default("10ms") Duration commitInterval,
        @Doc("Retention by size: the most bytes the log keeps on disk before the overflow policy applies.")
        @Default("1GiB") DataSize maxBytes,
        @Doc("Retention by age: readings older than this are evicted even if a sink has not sent them "
                + "(applied per segment, so a reading may outlive it by up to an eighth of it).")
        @Default("7d") Duration maxAge,
        @Doc("What to do when max_bytes is reached: drop-oldest evicts the oldest readings and reports a gap, "
                + "block makes sources wait until sinks catch up.")
        @Default("drop-oldest") OverflowPolicy overflow,
        @Doc("How often each sink's acknowledged position is written to disk. After a crash a sink re-sends at "
                + "most this much.")
        @Default("1s") Duration cursorFlushInterval) {

    /** Segments are addressed with int offsets; the cap keeps them far from that limit. */
    static final long MAX_SEGMENT_SIZE = 1L << 30;
    static final long MIN_SEGMENT_SIZE = 64;

    public LogOptions {
        Objects.requireNonNull(segmentSize, "segmentSize");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(maxBytes, "maxBytes");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(cursorFlushInterval, "cursorFlushInterval");
        // Every problem at once, one per line, each starting with its key: the config loader reports each at its line.
        List<String> problems = new ArrayList<>();
        boolean segmentSizeValid = segmentSize.bytes() >= MIN_SEGMENT_SIZE && segmentSize.bytes() <= MAX_SEGMENT_SIZE;
        if (!segmentSizeValid) {
            problems.add("log.segment_size: must be between 64B and 1GiB, was " + segmentSize);
        } else if (maxBytes.bytes() < 2 * segmentSize.bytes()) {
            problems.add("log.max_bytes: must be at least twice log.segment_size (" + segmentSize + "), was " + maxBytes
                    + "; raise max_bytes or lower segment_size");
        }
        if (commitInterval.isNegative()) {
            problems.add("log.commit_interval: must not be negative, was " + Durations.format(commitInterval));
        }
        if (!maxAge.isPositive()) {
            problems.add("log.max_age: must be positive, was " + Durations.format(maxAge));
        }
        if (!cursorFlushInterval.isPositive()) {
            problems.add("log.cursor_flush_interval: must be positive, was " + Durations.format(cursorFlushInterval));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /** The values of the {@link Default} annotations above. */
    public static LogOptions defaults() {
        return new LogOptions(DataSize.ofMiB(64), Duration.ofMillis(10), DataSize.parse("1GiB"), Duration.ofDays(7),
                OverflowPolicy.DROP_OLDEST, Duration.ofSeconds(1));
    }

    public LogOptions withSegmentSize(DataSize size) {
        return new LogOptions(size, commitInterval, maxBytes, maxAge, overflow, cursorFlushInterval);
    }

    public LogOptions withMaxBytes(DataSize size) {
        return new LogOptions(segmentSize, commitInterval, size, maxAge, overflow, cursorFlushInterval);
    }

    public LogOptions withCommitInterval(Duration interval) {
        return new LogOptions(segmentSize, interval, maxBytes, maxAge, overflow, cursorFlushInterval);
    }

    public LogOptions withMaxAge(Duration age) {
        return new LogOptions(segmentSize, commitInterval, maxBytes, age, overflow, cursorFlushInterval);
    }

    public LogOptions withOverflow(OverflowPolicy policy) {
        return new LogOptions(segmentSize, commitInterval, maxBytes, maxAge, policy, cursorFlushInterval);
    }

    public LogOptions withCursorFlushInterval(Duration interval) {
        return new LogOptions(segmentSize, commitInterval, maxBytes, maxAge, overflow, interval);
    }
}
