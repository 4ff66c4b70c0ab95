package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.failure.Failures;
import dev.ferry.api.Reading;
import dev.ferry.runtime.schedule.ReadingAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a source's readings reach the appender, closed at stop: appends hold the read lock, so closing
 * (the write lock) waits for the appends in flight and no append starts after it. Counts what it lets through.
 */
final class AppendGate {

    private static final Logger log = LoggerFactory.getLogger(AppendGate.class);

    private final String name;
    private final ReadingAppender appender;
    private final SourceCounters counters;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean open = true;
    private volatile boolean lastFailed;

    AppendGate(String name, ReadingAppender appender, SourceCounters counters) {
        this.name = name;
        this.appender = appender;
        this.counters = counters;
    }

    /** Appends unless closed; a closed gate or a failing appender gives a failed stage, never an exception. */
    CompletionStage<Void> append(List<Reading> readings) throws InterruptedException {
        if (readings.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        lock.readLock().lockInterruptibly();
        try {
            if (!open) {
                return CompletableFuture.failedFuture(new IllegalStateException("source " + name + " is stopped"));
            }
            CompletionStage<Void> stage;
            try {
                stage = appender.append(readings);
            } catch (RuntimeException e) {
                failed(e);
                return CompletableFuture.failedFuture(e);
            }
            counters.readings.add(readings.size());
            counters.lastReadingTime = readings.getLast().time();
            counters.lastReadings = readings;
            stage.whenComplete((ok, failure) -> {
                if (failure != null) {
                    failed(failure);
                } else {
                    lastFailed = false;
                }
            });
            return stage;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Refuses further appends at once. */
    void close() {
        open = false;
    }

    /** Waits up to {@code bound} for appends in flight; false when one was still running. */
    boolean awaitIdle(Duration bound) throws InterruptedException {
        if (lock.writeLock().tryLock(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            lock.writeLock().unlock();
            return true;
        }
        return false;
    }

    /** Logged once per run of failures: a broken log would otherwise repeat the same line for every read. */
    private void failed(Throwable failure) {
        counters.appendFailures.increment();
        if (!lastFailed) {
            lastFailed = true;
            log.warn("source {}: the log refused readings: {}; further refusals are counted, not logged, until one "
                    + "succeeds", name, Failures.describe(failure));
        }
    }
}
