package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.failure.Failures;
import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.schedule.RunnerContext;
import dev.ferry.api.config.Durations;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a {@link PolledSource} every {@code interval} (plus a random jitter in [0, jitter]), each read bounded by
 * {@code timeout}.
 *
 * <p>Threads: the <b>schedule thread</b> ({@code source-<name>}, virtual) sleeps until a read is due, starts the
 * read, waits for it up to the deadline, stamps and appends the readings, and decides when the next read is due.
 * Each read runs on a <b>read thread</b> of its own ({@code source-<name>-read}, virtual) that calls
 * {@link PolledSource#poll} and nothing else, so a poll that hangs costs this source one thread and never the
 * schedule: at the deadline the schedule thread interrupts the read thread, counts a timeout and moves on. While
 * that read is still running, later reads are skipped (and counted) rather than started beside it, so there is at
 * most one poll in flight. A result that arrives after its deadline is dropped. {@link #start} and {@link #stop}
 * are called by the owner's thread, which also calls {@link PolledSource#close()} once the schedule thread ended —
 * possibly while a hung poll is still running, which is what lets a plugin unblock it.
 *
 * <p>Timing: reads are due at a fixed rate ({@code interval} after the previous due time, not after the previous
 * read ended); a source that fell behind reads once at once rather than catching up in a burst. After a transient
 * fault the next read waits for {@code max(interval, backoff)}; while quarantined, reads are {@code
 * quarantine_probe} apart.
 */
public final class PolledSourceRunner extends SourceRunnerBase {

    /**
     * How long (real time) a timed-out read gets to end after its interrupt. A poll that honours interrupts ends
     * at once, and waiting that moment keeps the next read from being skipped as "still running" for nothing.
     */
    private static final Duration INTERRUPT_GRACE = Duration.ofMillis(100);

    private final SourceSettings settings;
    private final PolledSource source;
    private final Ticker ticker;
    private volatile Thread readThread;
    private CompletableFuture<List<Reading>> readInFlight = CompletableFuture.completedFuture(List.of());

    public PolledSourceRunner(String name, SourceSettings settings, PolledSource source, RunnerContext context) {
        super(name, settings, source, context, "reads", CloseOrder.AFTER_THREAD);
        this.settings = settings;
        this.source = source;
        this.ticker = context.ticker();
    }

    @Override
    void interruptOtherThreads() {
        interrupt(readThread);
    }

    /** The schedule thread. */
    @Override
    void work() throws InterruptedException {
        firstStart.complete(null);   // nothing to start: a failing read is a fault of the device, retried
        long due = ticker.elapsedNanos();
        while (!stopRequested()) {
            ticker.sleepUntilElapsed(due + jitter());
            due = readOnce(due);
        }
    }

    /** One scheduled read; returns when the next one is due, on the ticker's elapsed time. */
    private long readOnce(long due) throws InterruptedException {
        if (!readInFlight.isDone()) {
            counters.skipped.increment();
            return nextDue(due, faults.transientFault("read timed out after " + Durations.format(settings.timeout())
                    + " and is still running; skipping reads until it returns"));
        }
        counters.reads.increment();
        CompletableFuture<List<Reading>> result = new CompletableFuture<>();
        Deadline deadline = Deadline.after(settings.timeout(), ticker.clock());
        readInFlight = result;
        Thread reader = Thread.ofVirtual().name("source-" + name + "-read").unstarted(() -> poll(result, deadline));
        readThread = reader;
        reader.start();
        boolean done;
        try {
            done = ticker.await(result, settings.timeout());
        } catch (InterruptedException stopping) {
            reader.interrupt();
            throw stopping;
        }
        if (!done) {
            reader.interrupt();
            reader.join(INTERRUPT_GRACE);
            counters.timeouts.increment();
            return nextDue(due, faults.transientFault("read timed out after " + Durations.format(settings.timeout())));
        }
        return switch (result.state()) {
            case SUCCESS -> {
                gate.append(stamper.stamp(result.resultNow()));
                faults.succeeded();
                yield nextDue(due, Duration.ZERO);
            }
            case FAILED -> nextDue(due, failed(result.exceptionNow()));
            case CANCELLED, RUNNING -> throw new IllegalStateException("read of " + name + " is done but " + result.state());
        };
    }

    /** Classifies a failed read by what it threw; returns the backoff it calls for. */
    private Duration failed(Throwable failure) {
        return switch (failure) {
            case IOException e -> {
                counters.transientErrors.increment();
                yield faults.transientFault("read failed: " + Failures.describe(e));
            }
            case MalformedDataException e -> {
                counters.malformed.increment();
                faults.malformed(Failures.describe(e));
                yield Duration.ZERO;
            }
            case InterruptedException e -> {
                counters.transientErrors.increment();
                yield faults.transientFault("read was interrupted");
            }
            default -> {
                counters.transientErrors.increment();
                yield faults.unexpected("read failed with an unexpected exception", failure);
            }
        };
    }

    private long nextDue(long due, Duration backoff) {
        long now = ticker.elapsedNanos();
        Duration step = faults.quarantined() ? settings.quarantineProbe() : settings.interval();
        long next = due + step.toNanos();
        long retry = now + backoff.toNanos();
        if (next - retry < 0) {
            next = retry;
        }
        return next - now < 0 ? now : next;
    }

    private long jitter() {
        long bound = settings.jitter().toNanos();
        return bound <= 0 ? 0 : context.random().nextLong(bound + 1);
    }

    /** Runs on the read thread. */
    private void poll(CompletableFuture<List<Reading>> result, Deadline deadline) {
        try {
            List<Reading> readings = source.poll(deadline);
            result.complete(readings == null ? List.of() : readings);
        } catch (Throwable failure) {
            result.completeExceptionally(failure);
        }
    }
}
