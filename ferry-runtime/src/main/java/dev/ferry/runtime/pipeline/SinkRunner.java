package dev.ferry.runtime.pipeline;

import dev.ferry.api.failure.Failures;
import dev.ferry.api.Batch;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.LogEntry;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.RefusedEntriesException.Refused;
import dev.ferry.api.Sink;
import dev.ferry.runtime.deadletter.DeadLetter;
import dev.ferry.runtime.deadletter.DeadLetterStore;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one sink from its cursor in the log, on a virtual thread of its own.
 *
 * <p>The loop: open the sink (retrying with backoff), poll batches from the cursor and send them, keeping up to
 * {@link Sink#maxBatchesInFlight()} unacknowledged, and acknowledge them in the log strictly in order, as each
 * oldest batch's stage completes normally. A transient failure rewinds the cursor to the oldest unacknowledged
 * entry and drops every batch in flight, so the same entries with the same IDs go again, in order, after a backoff
 * and a fresh {@link Sink#open()}.
 *
 * <p>Refusals are the runtime's, not the sink's ({@link RefusalHandler}): entries the sink names as refused for good
 * ({@link RefusedEntriesException}) go to the dead-letter store and the cursor moves on, or, under
 * {@code on_refused: retry}, the batch is held like a failed one. A batch that fails deterministically without
 * naming its culprits is narrowed down ({@link PoisonIsolation}) until the entries that fail alone are found and
 * refused; the rest is delivered. Dead letters an operator asked to send again are replayed through the same sink,
 * with their original IDs, ahead of the log.
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
    /** How often the dead-letter store is asked whether the command line left a request. */
    private static final Duration REQUEST_CHECK = Duration.ofSeconds(1);

    private record InFlight(Batch batch, CompletableFuture<Void> ack) {}

    /** What the loop does after looking at the oldest batches. */
    private enum Next { GO_ON, RETRY_LATER, NARROWED }

    private final String name;
    private final Sink sink;
    private final SinkCursor cursor;
    private final int batchSize;
    private final int window;
    private final HealthReporter health;
    private final Backoff backoff;
    private final Ticker ticker;
    private final RefusalHandler refusals;
    private final PoisonIsolation isolation = new PoisonIsolation();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final AtomicLong sentEntries = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong replayedEntries = new AtomicLong();
    private final AtomicLong opens = new AtomicLong();
    /** The size of {@link #inFlight}, for other threads to read. */
    private volatile int batchesInFlight;
    /** Completed by {@link #stop}, so a backoff pause ends at once instead of delaying a clean stop. */
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();
    private volatile boolean running;
    private boolean lastSendFailed;
    private boolean replayOneByOne;
    private Instant nextRequestCheck = Instant.MIN;
    private Thread thread;

    SinkRunner(String name, Sink sink, SinkCursor cursor, int batchSize, HealthReporter health, Backoff backoff, Ticker ticker,
            RefusalHandler refusals) {
        this.name = name;
        this.sink = sink;
        this.cursor = cursor;
        this.batchSize = Math.max(1, Math.min(batchSize, sink.maxBatchSize()));
        this.window = Math.max(1, sink.maxBatchesInFlight());
        this.health = health;
        this.backoff = backoff;
        this.ticker = ticker;
        this.refusals = refusals;
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

    /** Counts for metrics. */
    public SinkStats stats() {
        DeadLetterStore store = refusals.store();
        return new SinkStats(sentEntries.get(), failedSends.get(), refusals.refusedEntries(), refusals.refusedByCode(),
                store.held(), store.evicted(), replayedEntries.get(), cursor.committedSeq(), opens.get(), batchesInFlight);
    }

    /**
     * @param sentEntries entries the far end acknowledged (replayed dead letters not included)
     * @param failedSends sends that failed transiently and were retried
     * @param refusedEntries entries refused for good, whether dead-lettered or held (then counted at each refusal)
     * @param refusedByCode the same, by refusal code
     * @param deadLetters dead letters held in the store now
     * @param deadLettersEvicted dead letters deleted because the store was full
     * @param replayedEntries dead letters sent again and accepted
     * @param committedSeq the first seq not known to be delivered
     * @param opens successful opens (connections), the first included
     * @param batchesInFlight batches sent and not yet answered
     */
    public record SinkStats(long sentEntries, long failedSends, long refusedEntries, Map<String, Long> refusedByCode,
            long deadLetters, long deadLettersEvicted, long replayedEntries, long committedSeq, long opens,
            int batchesInFlight) {}

    private void loop() {
        boolean open = false;
        try {
            while (running) {
                batchesInFlight = inFlight.size();
                takeRequests();
                if (!open) {
                    open = tryOpen();
                    continue;
                }
                Next next = acknowledgeCompleted();
                if (next == Next.GO_ON && refusals.store().replaying()) {
                    next = inFlight.isEmpty() ? replayNext() : awaitOldest(IDLE_POLL);
                } else if (next == Next.GO_ON) {
                    next = inFlight.size() < isolation.window(window) ? sendNext() : awaitOldest(IDLE_POLL);
                }
                if (next == Next.RETRY_LATER) {
                    open = false;
                    pause(backoff.nextDelay());
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

    private void takeRequests() {
        Instant now = ticker.clock().instant();
        if (now.isBefore(nextRequestCheck)) {
            return;
        }
        nextRequestCheck = now.plus(REQUEST_CHECK);
        try {
            String done = refusals.store().takeRequests();
            if (done != null) {
                log.info("sink {}: dead letters: {}", name, done);
                replayOneByOne = false;
            }
        } catch (IOException e) {
            log.warn("sink {}: cannot take up a request for its dead letters: {}", name, e.getMessage());
        }
    }

    private boolean tryOpen() throws InterruptedException, IOException {
        try {
            sink.open();
        } catch (IOException e) {
            reportFailure(HealthState.DOWN, "cannot open: " + e.getMessage());
            pause(backoff.nextDelay());
            return false;
        }
        opens.incrementAndGet();
        // Outside the try: a failure here is the log's, not the sink's, and is reported as such by the loop.
        cursor.opened();
        if (!lastSendFailed) {
            refusals.delivered();   // after a failed send, only a successful one says the sink is well again
        }
        return true;
    }

    private Next sendNext() throws IOException, InterruptedException {
        List<LogEntry> entries = cursor.poll(isolation.batchLimit(batchSize), inFlight.isEmpty() ? IDLE_POLL : BUSY_POLL);
        if (!entries.isEmpty()) {
            Batch batch = new Batch(entries);
            inFlight.addLast(new InFlight(batch, send(batch)));
        }
        return Next.GO_ON;
    }

    /** Sends, turning an exception thrown by the sink into a failed stage: a sink's bug must not end the loop. */
    private CompletableFuture<Void> send(Batch batch) {
        try {
            return sink.send(batch).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Next awaitOldest(Duration limit) throws InterruptedException {
        InFlight oldest = inFlight.peekFirst();
        if (oldest != null) {
            ticker.await(oldest.ack(), limit);
        }
        return Next.GO_ON;
    }

    /**
     * Acknowledges, in order, every oldest batch whose send completed: delivered, or with entries refused for good.
     * Stops at a failure: then the cursor is rewound and everything in flight is dropped, to be sent again, at once
     * in smaller parts when the failure was deterministic, or after a backoff when it was transient.
     */
    private Next acknowledgeCompleted() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().ack().isDone()) {
            InFlight done = inFlight.removeFirst();
            Batch batch = done.batch();
            switch (SendOutcome.of(batch, done.ack())) {
                case SendOutcome.Delivered delivered -> {
                    cursor.ack(batch);
                    delivered(batch.size());
                }
                case SendOutcome.Refusals(List<Refused> refused) -> {
                    if (!storeRefused(refused)) {
                        return Next.RETRY_LATER;
                    }
                    cursor.ack(batch);
                    sentEntries.addAndGet(batch.size() - refused.size());
                    lastSendFailed = false;
                    backoff.reset();
                }
                case SendOutcome.Unsendable unsendable when refusals.deadLetters() -> {
                    isolation.narrow(batch);
                    inFlight.clear();
                    cursor.rewind();
                    return Next.NARROWED;
                }
                case SendOutcome.Unsendable unsendable -> {
                    return failed(unsendable.refusal().reason());
                }
                case SendOutcome.Transient(Throwable failure) -> {
                    return failed(Failures.describe(failure));
                }
            }
            isolation.passed(batch, batchSize);
        }
        return Next.GO_ON;
    }

    /**
     * Hands refused entries to the refusal handling; true when they are kept and the cursor may move past them,
     * false when the batch must be held (by policy, or because the dead letters could not be written) and everything
     * in flight was dropped to be sent again later.
     */
    private boolean storeRefused(List<Refused> refused) throws IOException {
        boolean kept;
        try {
            kept = refusals.refused(refused);
        } catch (IOException e) {
            failed("cannot write dead letters, so the refused entries stay in the log: " + e.getMessage());
            return false;
        }
        if (!kept) {
            holdAll();
        }
        return kept;
    }

    private void delivered(int entries) {
        sentEntries.addAndGet(entries);
        lastSendFailed = false;
        backoff.reset();
        refusals.delivered();
    }

    private Next failed(String reason) throws IOException {
        failedSends.incrementAndGet();
        reportFailure(HealthState.DEGRADED, "send failed, will retry: " + reason);
        holdAll();
        return Next.RETRY_LATER;
    }

    private void holdAll() throws IOException {
        lastSendFailed = true;
        inFlight.clear();
        cursor.rewind();
    }

    private void reportFailure(HealthState state, String reason) {
        refusals.healthReplaced();
        health.report(state, reason);
    }

    /**
     * Sends the next dead letters an operator asked to send again, and waits for the answer: nothing else is in
     * flight meanwhile, so a failure here never disturbs the log's batches.
     */
    private Next replayNext() throws IOException, InterruptedException {
        DeadLetterStore store = refusals.store();
        List<DeadLetter> letters = store.nextReplay(replayOneByOne ? 1 : batchSize);
        if (letters.isEmpty()) {
            log.info("sink {}: dead letters: replay finished; {} sent again and accepted so far, {} held", name,
                    replayedEntries.get(), store.held());
            return Next.GO_ON;
        }
        Batch batch = new Batch(letters.stream().map(DeadLetter::entry).toList());
        CompletableFuture<Void> ack = send(batch);
        while (!ack.isDone() && running) {
            ticker.await(ack, IDLE_POLL);
        }
        if (!ack.isDone()) {
            return Next.GO_ON;   // stopping: the replay carries on after the next start
        }
        switch (SendOutcome.of(batch, ack)) {
            case SendOutcome.Delivered delivered -> {
                store.replayed();
                replayedEntries.addAndGet(batch.size());
                delivered(0);
            }
            case SendOutcome.Refusals(List<Refused> refused) -> {
                if (!storeRefused(refused)) {
                    return Next.RETRY_LATER;
                }
                store.replayed();
                replayedEntries.addAndGet(batch.size() - refused.size());
            }
            case SendOutcome.Unsendable unsendable when refusals.deadLetters() -> replayOneByOne = true;
            case SendOutcome.Unsendable unsendable -> {
                return failed(unsendable.refusal().reason());
            }
            case SendOutcome.Transient(Throwable failure) -> {
                return failed(Failures.describe(failure));
            }
        }
        return Next.GO_ON;
    }

    /** Stops after the batches in flight (waiting at most {@code grace}), persists the cursor and closes the sink. */
    public void stop(Duration grace) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        stopping.complete(null);
        cursor.wakeUp();   // a poll waiting for new readings ends now rather than after its idle wait
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
        try {
            refusals.store().close();
        } catch (IOException e) {
            log.warn("sink {}: closing its dead letters: {}", name, e.getMessage());
        }
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
