package dev.ferry.runtime.schedule;

import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.StreamingSource;
import dev.ferry.runtime.schedule.internal.PolledSourceRunner;
import dev.ferry.runtime.schedule.internal.StreamingSourceRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs one configured source on a virtual thread of its own, so that a slow, hung or failing device never delays
 * another. Faults are tiered: I/O errors, timeouts and unexpected exceptions are transient (retried with backoff,
 * health DEGRADED); malformed data is counted and, after {@code malformed_threshold} in a row, quarantines the
 * source (health QUARANTINED, probed every {@code quarantine_probe}); a good read brings it back UP.
 *
 * <p>Every reading is stamped before it is appended: {@code source} becomes the configured name, and the
 * configured {@code tags} are added, <b>overriding</b> a tag of the same key set by the plugin — the config is the
 * operator's word on how a reading is labelled.
 *
 * <p>{@link #start()} and {@link #stop} are called by the owner (the {@link SourceScheduler}), once each; after
 * {@link #stop} returns, no reading of this source is appended and the source is closed.
 */
public interface SourceRunner {

    /** The runner for a polled or streaming source. */
    static SourceRunner create(ScheduledSource source, RunnerContext context) {
        return switch (source.source()) {
            case PolledSource polled -> new PolledSourceRunner(source.name(), source.settings(), polled, context);
            case StreamingSource streaming -> new StreamingSourceRunner(source.name(), source.settings(), streaming, context);
        };
    }

    String name();

    /** Starts the source's thread; returns at once. */
    void start();

    /** Stops at once what can be stopped without waiting: refuses further readings and interrupts the threads. */
    void requestStop();

    /**
     * Waits up to {@code bound} (real time) for the source's threads to end, then closes the source and reports it
     * STOPPED. Returns false when a thread was still running at the bound (a plugin ignoring interrupts); its
     * readings are refused all the same.
     */
    boolean awaitStop(Duration bound);

    /** {@link #requestStop()} then {@link #awaitStop}. */
    default boolean stop(Duration bound) {
        requestStop();
        return awaitStop(bound);
    }

    /**
     * Completes once the source has started: a polled source at once, a streaming source when its first
     * {@code start} returned; fails with the reason when that first start failed (later attempts go on all the same).
     * A reload waits on it to tell a component that cannot start from one that merely has nothing to say yet.
     */
    CompletionStage<Void> firstStart();

    SourceStats stats();

    /** The newest batch of readings handed to the log, as stamped; empty before the first. */
    List<Reading> lastReadings();
}
