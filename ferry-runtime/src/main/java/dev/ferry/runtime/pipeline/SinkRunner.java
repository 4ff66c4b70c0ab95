package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Sink;
import dev.ferry.log.LogCursor;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one sink from its cursor in the log, on a virtual thread of its own.
 *
 * <p>The loop: open the sink (retrying with backoff), poll a batch from the cursor, send it, and acknowledge it in
 * the log only when the sink's stage completes normally. A failed send rewinds the cursor, so the same entries with
 * the same IDs go again after a backoff. Nothing here ever skips an entry: the cursor moves only on success.
 *
 * <p>Stopping lets the send in flight finish (within the grace period), then persists the cursor and closes the
 * sink; an unfinished send is simply sent again after the next start.
 */
public final class SinkRunner {

    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    private final String name;
    private final Sink sink;
    private final LogCursor cursor;
    private final int batchSize;
    private final HealthReporter health;
    private final Backoff backoff;
    private final Ticker ticker;
    private final AtomicLong sentEntries = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public SinkRunner(String name, Sink sink, LogCursor cursor, int batchSize, HealthReporter health, Backoff backoff, Ticker ticker) {
        this.name = name;
        this.sink = sink;
        this.cursor = cursor;
        this.batchSize = Math.max(1, Math.min(batchSize, sink.maxBatchSize()));
        this.health = health;
        this.backoff = backoff;
        this.ticker = ticker;
    }

    public String name() {
        return name;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("sink " + name + " already started");
        }
        running = true;
        thread = Thread.ofVirtual().name("sink-" + name).start(this::loop);
    }

    /** Counts for metrics: entries acknowledged by the far end, and sends that failed. */
    public SinkStats stats() {
        return new SinkStats(sentEntries.get(), failedSends.get(), cursor.committedSeq());
    }

    public record SinkStats(long sentEntries, long failedSends, long committedSeq) {}

    private void loop() {
        boolean open = false;
        try {
            while (running) {
                if (!open) {
                    open = tryOpen();
                    continue;
                }
                List<LogEntry> entries = cursor.poll(batchSize, POLL_WAIT);
                if (!entries.isEmpty() && !deliver(new Batch(entries))) {
                    ticker.sleep(backoff.nextDelay());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("sink {}: cannot read the log: {}", name, e.getMessage());
            health.report(HealthState.DOWN, "cannot read the log: " + e.getMessage());
        }
    }

    private boolean tryOpen() throws InterruptedException {
        try {
            sink.open();
            backoff.reset();
            health.up();
            return true;
        } catch (IOException e) {
            health.report(HealthState.DOWN, "cannot open: " + e.getMessage());
            ticker.sleep(backoff.nextDelay());
            return false;
        }
    }

    private boolean deliver(Batch batch) throws InterruptedException {
        try {
            sink.send(batch).toCompletableFuture().get();
            cursor.ack(batch.lastSeq());
            sentEntries.addAndGet(batch.size());
            backoff.reset();
            health.up();
            return true;
        } catch (ExecutionException e) {
            failedSends.incrementAndGet();
            cursor.rewind();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            health.report(HealthState.DEGRADED, "send failed, will retry: " + cause.getMessage());
            return false;
        }
    }

    /** Stops after the send in flight (waiting at most {@code grace}), persists the cursor and closes the sink. */
    public void stop(Duration grace) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        if (t != null && !t.join(grace)) {
            t.interrupt();
            t.join(Duration.ofSeconds(1));
        }
        try {
            cursor.flush();
        } catch (IOException e) {
            log.error("sink {}: cannot persist its cursor at {}: {}; entries after the last persisted position will be sent again",
                    name, cursor.committedSeq(), e.getMessage());
        }
        sink.close();
        health.report(HealthState.STOPPED, "");
    }

}
