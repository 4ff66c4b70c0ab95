package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Nullable;
import dev.ferry.api.RejectedBatchException;
import dev.ferry.api.Sink;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one sink from its cursor in the log, on a virtual thread of its own.
 *
 * <p>The loop: open the sink (retrying with backoff), poll batches from the cursor and send them, keeping up to
 * {@link Sink#maxBatchesInFlight()} unacknowledged, and acknowledge them in the log strictly in order, as each
 * oldest batch's stage completes normally. A failed send rewinds the cursor to the oldest unacknowledged entry and
 * drops every batch in flight, so the same entries with the same IDs go again, in order, after a backoff and a
 * fresh {@link Sink#open()}. Nothing here ever skips an entry unless the sink says it was refused for good and kept
 * elsewhere ({@link RejectedBatchException}): then the cursor moves past it and the entries are counted as rejected.
 *
 * <p>Stopping lets the batches in flight finish (within the grace period), acknowledges those that did, then
 * persists the cursor and closes the sink; anything unfinished is simply sent again after the next start.
 */
public final class SinkRunner {

    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
    /** How long a poll waits for new entries when nothing is in flight. */
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** How long a poll waits for new entries while batches are in flight, before looking at their acks again. */
    private static final Duration BUSY_POLL = Duration.ofMillis(2);

    private record InFlight(Batch batch, CompletableFuture<Void> ack) {}

    private final String name;
    private final Sink sink;
    private final SinkCursor cursor;
    private final int batchSize;
    private final int window;
    private final HealthReporter health;
    private final Backoff backoff;
    private final Ticker ticker;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final AtomicLong sentEntries = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong rejectedEntries = new AtomicLong();
    /** Completed by {@link #stop}, so a backoff pause ends at once instead of delaying a clean stop. */
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();
    private volatile boolean running;
    private boolean lastSendFailed;
    private Thread thread;

    SinkRunner(String name, Sink sink, SinkCursor cursor, int batchSize, HealthReporter health, Backoff backoff, Ticker ticker) {
        this.name = name;
        this.sink = sink;
        this.cursor = cursor;
        this.batchSize = Math.max(1, Math.min(batchSize, sink.maxBatchSize()));
        this.window = Math.max(1, sink.maxBatchesInFlight());
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

    /** Counts for metrics: entries acknowledged by the far end, sends that failed, entries refused for good. */
    public SinkStats stats() {
        return new SinkStats(sentEntries.get(), failedSends.get(), rejectedEntries.get(), cursor.committedSeq());
    }

    public record SinkStats(long sentEntries, long failedSends, long rejectedEntries, long committedSeq) {}

    private void loop() {
        boolean open = false;
        try {
            while (running) {
                if (!open) {
                    open = tryOpen();
                } else if (!acknowledgeCompleted()) {
                    open = false;
                    pause(backoff.nextDelay());
                } else if (inFlight.size() < window) {
                    sendNext();
                } else {
                    awaitOldest(IDLE_POLL);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("sink {}: cannot read the log: {}", name, e.getMessage());
            health.report(HealthState.DOWN, "cannot read the log: " + e.getMessage());
        }
    }

    private void pause(Duration delay) throws InterruptedException {
        ticker.await(stopping, delay);
    }

    private boolean tryOpen() throws InterruptedException, IOException {
        try {
            sink.open();
        } catch (IOException e) {
            health.report(HealthState.DOWN, "cannot open: " + e.getMessage());
            pause(backoff.nextDelay());
            return false;
        }
        // Outside the try: a failure here is the log's, not the sink's, and is reported as such by the loop.
        cursor.opened();
        if (!lastSendFailed) {
            health.up();   // after a failed send, only a successful one says the sink is well again
        }
        return true;
    }

    private void sendNext() throws IOException, InterruptedException {
        List<LogEntry> entries = cursor.poll(batchSize, inFlight.isEmpty() ? IDLE_POLL : BUSY_POLL);
        if (!entries.isEmpty()) {
            Batch batch = new Batch(entries);
            CompletableFuture<Void> ack;
            try {
                ack = sink.send(batch).toCompletableFuture();
            } catch (RuntimeException e) {
                log.error("sink {}: send threw instead of failing its stage", name, e);
                ack = CompletableFuture.failedFuture(e);
            }
            inFlight.addLast(new InFlight(batch, ack));
        }
    }

    private void awaitOldest(Duration limit) throws InterruptedException {
        InFlight oldest = inFlight.peekFirst();
        if (oldest != null) {
            ticker.await(oldest.ack(), limit);
        }
    }

    /**
     * Acknowledges, in order, every oldest batch whose send completed normally. Returns false when the oldest one
     * failed: then the cursor is rewound and everything in flight is dropped, to be sent again.
     */
    private boolean acknowledgeCompleted() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().ack().isDone()) {
            InFlight done = inFlight.removeFirst();
            Throwable failure = failureOf(done.ack());
            if (failure instanceof RejectedBatchException rejected) {
                setAside(done.batch(), rejected);
                continue;
            }
            if (failure != null) {
                failedSends.incrementAndGet();
                lastSendFailed = true;
                inFlight.clear();
                cursor.rewind();
                health.report(HealthState.DEGRADED, "send failed, will retry: " + causeOf(done.ack()));
                return false;
            }
            cursor.ack(done.batch());
            sentEntries.addAndGet(done.batch().size());
            lastSendFailed = false;
            backoff.reset();
            health.up();
        }
        return true;
    }

    /** The far end refused the batch for good and the sink kept it elsewhere: move past it, count it, say so. */
    private void setAside(Batch batch, RejectedBatchException rejected) throws IOException {
        cursor.ack(batch);
        int refused = Math.min(rejected.entries(), batch.size());
        rejectedEntries.addAndGet(refused);
        sentEntries.addAndGet(batch.size() - refused);
        lastSendFailed = false;
        backoff.reset();
        // The health registry logs the change; a run of refusals with the same reason is one line.
        health.report(HealthState.DEGRADED, "refused and set aside: " + rejected.getMessage());
    }

    /** The cause a completed stage failed with; null when it succeeded. */
    private static @Nullable Throwable failureOf(CompletableFuture<Void> done) {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        try {
            done.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private static String causeOf(CompletableFuture<Void> failed) {
        Throwable cause = failureOf(failed);
        if (cause == null) {
            return "unknown";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Stops after the batches in flight (waiting at most {@code grace}), persists the cursor and closes the sink. */
    public void stop(Duration grace) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        stopping.complete(null);
        if (t != null && !t.join(grace)) {
            t.interrupt();
            t.join(Duration.ofSeconds(1));
        }
        try {
            finishInFlight(grace);
            cursor.close();   // persists the acknowledged position
        } catch (IOException e) {
            log.error("sink {}: cannot persist its cursor at {}: {}; entries after the last persisted position will be sent again",
                    name, cursor.committedSeq(), e.getMessage());
        }
        sink.close();
        health.report(HealthState.STOPPED, "");
    }

    /** Called after the loop ended: waits for the batches still in flight and acknowledges those that made it. */
    private void finishInFlight(Duration grace) throws InterruptedException, IOException {
        if (!inFlight.isEmpty()) {
            CompletableFuture<?> all = CompletableFuture.allOf(inFlight.stream().map(InFlight::ack).toArray(CompletableFuture[]::new));
            ticker.await(all.exceptionally(e -> null), grace);
            acknowledgeCompleted();
        }
    }
}
