package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.Lifecycle;
import dev.ferry.api.Reading;
import dev.ferry.api.StreamingSource;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.schedule.RunnerContext;
import dev.ferry.runtime.schedule.SourceRunner;
import dev.ferry.runtime.schedule.SourceStats;
import java.io.IOException;
import java.time.Duration;
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
public final class StreamingSourceRunner implements SourceRunner {

    private final String name;
    private final StreamingSource source;
    private final RunnerContext context;
    private final SourceCounters counters = new SourceCounters();
    private final FaultTracker faults;
    private final AppendGate gate;
    private final ReadingStamper stamper;
    private final Lifecycle lifecycle;
    private volatile boolean stopRequested;
    private volatile Thread startThread;
    private boolean closed;

    public StreamingSourceRunner(String name, SourceSettings settings, StreamingSource source, RunnerContext context) {
        this.name = name;
        this.source = source;
        this.context = context;
        this.faults = new FaultTracker(name, context.health(), context.retry().newBackoff(context.random()),
                settings.malformedThreshold(), "messages");
        this.gate = new AppendGate(name, context.appender(), counters);
        this.stamper = new ReadingStamper(name, settings.tags());
        this.lifecycle = new Lifecycle("source " + name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        lifecycle.starting();
        startThread = Thread.ofVirtual().name("source-" + name).start(this::run);
        lifecycle.running();
    }

    @Override
    public void requestStop() {
        lifecycle.stopping();
        stopRequested = true;
        gate.close();
        Thread thread = startThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public synchronized boolean awaitStop(Duration bound) {
        if (closed) {
            return true;
        }
        requestStop();
        long end = System.nanoTime() + bound.toNanos(); // real time: joining a thread cannot be simulated
        Stopping.close(name, source);
        closed = true;
        boolean clean = Stopping.join(startThread, bound);
        clean &= Stopping.drain(gate, Duration.ofNanos(end - System.nanoTime()));
        Stopping.reportStopped(name, context.health(), clean, bound);
        if (lifecycle.state() == Lifecycle.State.STOPPING) {
            lifecycle.stopped();
        }
        return clean;
    }

    @Override
    public SourceStats stats() {
        return counters.snapshot();
    }

    /** Runs on the start thread. */
    private void run() {
        Emitter emitter = new GatedEmitter();
        try {
            while (!stopRequested) {
                try {
                    source.start(emitter);
                    faults.started();
                    return;
                } catch (InterruptedException e) {
                    if (stopRequested) {
                        return;
                    }
                    counters.transientErrors.increment();
                    context.ticker().sleep(faults.transientFault("start was interrupted; restarting"));
                } catch (Exception | Error failure) {
                    if (stopRequested) {
                        return;
                    }
                    counters.transientErrors.increment();
                    context.ticker().sleep(failure instanceof IOException
                            ? faults.transientFault("stopped: " + FaultTracker.describe(failure) + "; restarting")
                            : faults.unexpected("start failed with an unexpected exception", failure));
                }
            }
        } catch (InterruptedException stopping) {
            // the owner is stopping this source
        } catch (RuntimeException | Error bug) {
            Stopping.scheduleFailed(name, context.health(), bug);
        }
    }

    private final class GatedEmitter implements Emitter {

        @Override
        public CompletionStage<Void> emit(List<Reading> readings) throws InterruptedException {
            if (stopRequested) {
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
