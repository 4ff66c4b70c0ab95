package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.failure.Failures;
import dev.ferry.api.Emitter;
import dev.ferry.api.Reading;
import dev.ferry.api.StreamingSource;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.schedule.RunnerContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs a {@link StreamingSource}: calls {@link StreamingSource#start} on a virtual thread of its own
 * ({@code source-<name>}) and, when start throws, calls it again on the same instance after a backoff (health
 * DEGRADED meanwhile). A start that returns normally leaves the source running on its own machinery, and UP.
 *
 * <p>The {@link Emitter} it hands the source may be called from any thread: {@code emit} stamps and appends the
 * readings and counts as good data (health UP, backoff and malformed run reset); {@code malformed} counts toward
 * quarantine. A push source cannot be paused without closing it, so quarantine here is a health state and a log
 * line: the source keeps running, and its first good message brings it back UP. After stop, {@code emit} appends
 * nothing and returns a failed stage.
 *
 * <p>Stop: the owner's thread closes the source first (the contract lets a blocking start return on close), then
 * waits for the start thread.
 */
public final class StreamingSourceRunner extends SourceRunnerBase {

    private final StreamingSource source;

    public StreamingSourceRunner(String name, SourceSettings settings, StreamingSource source, RunnerContext context) {
        super(name, settings, source, context, "messages", CloseOrder.BEFORE_THREAD);
        this.source = source;
    }

    /** The start thread. */
    @Override
    void work() throws InterruptedException {
        Emitter emitter = new GatedEmitter();
        while (!stopRequested()) {
            try {
                source.start(emitter);
                faults.started();
                firstStart.complete(null);
                return;
            } catch (InterruptedException e) {
                if (stopRequested()) {
                    return;
                }
                counters.transientErrors.increment();
                context.ticker().sleep(faults.transientFault("start was interrupted; restarting"));
            } catch (Exception | Error failure) {
                if (stopRequested()) {
                    return;
                }
                counters.transientErrors.increment();
                firstStart.completeExceptionally(new IOException(Failures.describe(failure), failure));
                context.ticker().sleep(failure instanceof IOException
                        ? faults.transientFault("stopped: " + Failures.describe(failure) + "; restarting")
                        : faults.unexpected("start failed with an unexpected exception", failure));
            }
        }
    }

    private final class GatedEmitter implements Emitter {

        @Override
        public CompletionStage<Void> emit(List<Reading> readings) throws InterruptedException {
            if (stopRequested()) {
                return CompletableFuture.failedFuture(new IllegalStateException("source " + name + " is stopped"));
            }
            counters.reads.increment();
            CompletionStage<Void> stage = gate.append(stamper.stamp(readings));
            faults.succeeded();
            return stage;
        }

        @Override
        public void malformed(String what) {
            counters.malformed.increment();
            faults.malformed(what);
        }
    }
}
