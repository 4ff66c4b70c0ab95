package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.Lifecycle;
import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.Source;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.schedule.RunnerContext;
import dev.ferry.runtime.schedule.SourceRunner;
import dev.ferry.runtime.schedule.SourceStats;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What both runners share: the path a source's readings take (counters, fault tracker, stamper, append gate), the
 * lifecycle, the one virtual thread ({@code source-<name>}) that drives the source, and the shape of stopping it.
 * A subclass supplies that thread's work and says when, while stopping, the plugin is closed.
 *
 * <p>Threads: {@link #start}, {@link #requestStop} and {@link #awaitStop} are called by the owner's thread;
 * {@link #work} runs on the source's thread.
 */
abstract sealed class SourceRunnerBase implements SourceRunner permits PolledSourceRunner, StreamingSourceRunner {

    /** When stopping closes the plugin, relative to waiting for the source's thread and appends in flight. */
    enum CloseOrder {
        /** After the thread ended, so that no read starts on a closed source. */
        AFTER_THREAD,
        /** Before waiting for the thread, because the plugin's contract lets a blocking call return on close. */
        BEFORE_THREAD
    }

    final String name;
    final RunnerContext context;
    final SourceCounters counters = new SourceCounters();
    final FaultTracker faults;
    final AppendGate gate;
    final ReadingStamper stamper;
    private final Source source;
    private final CloseOrder closeOrder;
    private final Lifecycle lifecycle;
    private volatile boolean stopRequested;
    private volatile Thread thread;
    private boolean closed;

    /** @param faultUnit what the fault tracker counts in its messages ("reads", "messages") */
    SourceRunnerBase(String name, SourceSettings settings, Source source, RunnerContext context, String faultUnit,
            CloseOrder closeOrder) {
        this.name = name;
        this.source = source;
        this.context = context;
        this.closeOrder = closeOrder;
        this.faults = new FaultTracker(name, context.health(), context.retry().newBackoff(context.random()),
                settings.malformedThreshold(), faultUnit, context.ticker().clock(), counters.quarantines);
        this.gate = new AppendGate(name, context.appender(), counters);
        this.stamper = new ReadingStamper(name, settings.tags());
        this.lifecycle = new Lifecycle("source " + name);
    }

    /**
     * The source's thread: runs until the source stops or is stopped. An interrupt while stopping ends it quietly;
     * a runtime exception or error escaping it is a bug in the runner and takes the source DOWN.
     */
    abstract void work() throws InterruptedException;

    /** Interrupts the threads the subclass started besides the source's thread; none by default. */
    void interruptOtherThreads() {}

    final boolean stopRequested() {
        return stopRequested;
    }

    /** Completed by the subclass: see {@link #firstStart()}. */
    final CompletableFuture<Void> firstStart = new CompletableFuture<>();

    @Override
    public final CompletionStage<Void> firstStart() {
        return firstStart;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start() {
        lifecycle.starting();
        thread = Thread.ofVirtual().name("source-" + name).start(this::runWork);
        lifecycle.running();
    }

    @Override
    public final void requestStop() {
        lifecycle.stopping();
        stopRequested = true;
        gate.close();
        interrupt(thread);
        interruptOtherThreads();
    }

    @Override
    public final synchronized boolean awaitStop(Duration bound) {
        if (closed) {
            return true;
        }
        requestStop();
        long end = System.nanoTime() + bound.toNanos(); // real time: joining a thread cannot be simulated
        if (closeOrder == CloseOrder.BEFORE_THREAD) {
            Stopping.close(name, source);
        }
        boolean clean = Stopping.join(thread, bound);
        clean &= Stopping.drain(gate, Duration.ofNanos(end - System.nanoTime()));
        if (closeOrder == CloseOrder.AFTER_THREAD) {
            Stopping.close(name, source);
        }
        closed = true;
        Stopping.reportStopped(name, context.health(), clean, bound);
        if (lifecycle.state() == Lifecycle.State.STOPPING) {
            lifecycle.stopped();
        }
        return clean;
    }

    @Override
    public final SourceStats stats() {
        return counters.snapshot();
    }

    @Override
    public final List<Reading> lastReadings() {
        return Collections.unmodifiableList(counters.lastReadings);
    }

    static void interrupt(@Nullable Thread thread) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void runWork() {
        try {
            work();
        } catch (InterruptedException stopping) {
            // the owner is stopping this source
        } catch (RuntimeException | Error bug) {
            Stopping.scheduleFailed(name, context.health(), bug);
        }
    }
}
