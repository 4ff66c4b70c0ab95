package dev.ferry.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where a {@link StreamingSource} hands its readings. Thread-safe. */
public interface Emitter {

    /**
     * Appends readings to the durable log. The returned stage completes once they are committed (fsync'd), so a
     * source that must acknowledge its sender does so from there; it completes exceptionally when they could not
     * be stored. May block while the log applies the {@code block} overflow policy.
     */
    CompletionStage<Void> emit(List<Reading> readings) throws InterruptedException;

    /** Counts a frame or message that could not be understood; repeated ones quarantine the source. */
    void malformed(String what);
}
