package dev.ferry.log;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.log.internal.AtomicFiles;
import dev.ferry.log.internal.CommitQueue;
import dev.ferry.log.internal.CursorFile;
import dev.ferry.log.internal.CursorReader;
import dev.ferry.log.internal.CursorState;
import dev.ferry.log.internal.Housekeeper;
import dev.ferry.log.internal.LogMetrics;
import dev.ferry.log.internal.PendingAppend;
import dev.ferry.log.internal.ReaderContext;
import dev.ferry.log.internal.Retention;
import dev.ferry.log.internal.RecordFormat;
import dev.ferry.log.internal.Recovery;
import dev.ferry.log.internal.SegmentFiles;
import dev.ferry.log.internal.SegmentWriter;
import dev.ferry.log.internal.StatsSnapshot;
import dev.ferry.log.internal.WriterLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The durable log of one agent: every reading is appended once and read by every sink through its own
 * {@link LogCursor}. A reading's ID is {@code (agentId, epoch, seq)}.
 *
 * <p><b>Durability contract.</b> A reading is durable once the future {@link #append} returned has completed:
 * the group commit holding it was written and fsync'd. After a crash or power loss at any instant, every durable
 * reading is there again, in order, with its ID; readings whose future had not completed may or may not be.
 * Cursors only ever see durable readings.
 *
 * <p><b>Threads.</b> {@link #append} may be called from any number of threads; one writer thread batches them.
 * Each {@link LogCursor} is used by one thread at a time. After {@link #close}, appends fail and polls return nothing.
 */
public final class DurableLog implements AutoCloseable {

    private final Path dir;
    private final String agentId;
    private final Clock clock;
    private final DirectoryLock lock;
    private final LogMetrics metrics;
    private final Recovery.Recovered state;
    private final SegmentWriter writer;
    private final CommitQueue queue;
    private final WriterLoop loop;
    private final Thread writerThread;
    private final ReaderContext readers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<LogCursor> cursors = ConcurrentHashMap.newKeySet();
    private final Retention retention;

    private DurableLog(Storage storage, Path dir, LogOptions options, String agentId, Clock clock, DirectoryLock lock)
            throws IOException {
        this.dir = dir;
        this.agentId = agentId;
        this.clock = clock;
        this.lock = lock;
        this.metrics = new LogMetrics(clock);
        this.state = new Recovery(storage, dir, agentId, clock, metrics).run();
        try {
            this.writer = new SegmentWriter(storage, dir, options.segmentSize().bytes(), clock, state.index());
        } catch (IOException e) {
            state.journal().close();
            throw e;
        }
        this.retention = new Retention(options.maxBytes().bytes(), options.maxAge().toMillis(), options.overflow());
        this.queue = new CommitQueue(options.commitInterval().toNanos(), () -> retention.overflow() == OverflowPolicy.BLOCK
                && state.index().retainedBytes() >= retention.maxBytes(), "log " + dir + " is closed");
        Housekeeper housekeeper = new Housekeeper(storage, dir, retention, clock, state.index(), writer, state.cursors(),
                state.journal(), metrics);
        this.loop = new WriterLoop(dir, queue, writer, housekeeper, retention, metrics, options.cursorFlushInterval());
        this.readers = new ReaderContext(storage, state.index(), state.journal()::entries, state.corruption(), agentId,
                state.meta().epoch());
        this.writerThread = Thread.ofPlatform().name("ferry-log-writer").daemon().start(loop);
    }

    /**
     * Whether a log in {@code dir} is open now, by this process or another (a running agent); creates nothing.
     * Any doubt (the lock file unreadable) answers true.
     */
    public static boolean inUse(Path dir) {
        Path lockFile = SegmentFiles.lockFile(dir);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (DirectoryLock lock = DirectoryLock.tryAcquire(lockFile)) {
            return lock == null;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Deletes the position of sink {@code sink} in the log in {@code dir}: a sink of that name added later starts
     * from the oldest reading the log holds, as a new one does. Refused while the log is open, as a running agent
     * would write the position again.
     *
     * @return whether there was such a position
     * @throws IOException when the log is in use, or the file cannot be deleted
     */
    public static boolean forgetCursor(Path dir, String sink) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        Path lockFile = SegmentFiles.lockFile(dir);
        try (DirectoryLock lock = DirectoryLock.tryAcquire(lockFile)) {
            if (lock == null) {
                throw new IOException("the log in " + dir + " is in use by a running agent; stop it first");
            }
            Path file = SegmentFiles.cursorDir(dir).resolve(CursorFile.fileName(sink));
            boolean existed = Files.deleteIfExists(file);
            if (existed) {
                AtomicFiles.syncDirectory(file.getParent());
            }
            return existed;
        }
    }

    /**
     * Opens the log in {@code dir}, creating the directory and a new epoch if absent, and recovers it after a
     * crash (see {@code BUFFER.md}). Only one process may have a directory open.
     */
    public static DurableLog open(Path dir, LogOptions options, String agentId, Clock clock) throws IOException {
        return open(Storage.DISK, dir, options, agentId, clock);
    }

    /** Opens the log in {@code dir} of {@code storage}: another file system than the disk, for tests. */
    public static DurableLog open(Storage storage, Path dir, LogOptions options, String agentId, Clock clock)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("agent id must not be blank");
        }
        DirectoryLock lock = DirectoryLock.acquire(storage, dir);
        try {
            return new DurableLog(storage, dir, options, agentId, clock, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    public String agentId() {
        return agentId;
    }

    public String epoch() {
        return state.meta().epoch();
    }

    /**
     * Appends {@code readings} in order and assigns them consecutive seqs. The future completes with those seqs
     * once the group commit holding them is fsync'd, or exceptionally if it could not be written (for example the
     * disk is full and nothing can be evicted); then none of them is stored. Under overflow policy {@code block}
     * this call waits while the log is full; it also waits while the writer is far behind.
     *
     * @throws IllegalArgumentException if a reading is larger than a record may be (16 MiB encoded)
     */
    public CompletableFuture<SeqRange> append(List<Reading> readings) throws InterruptedException {
        List<Reading> copy = List.copyOf(readings);
        for (Reading reading : copy) {
            if (ReadingCodec.maxEncodedSize(reading) > RecordFormat.MAX_PAYLOAD) {
                throw new IllegalArgumentException("reading " + reading.source() + "/" + reading.metric()
                        + " is too large for the log (more than " + RecordFormat.MAX_PAYLOAD + " bytes encoded)");
            }
        }
        if (copy.isEmpty()) {
            long next = nextSeq();
            return CompletableFuture.completedFuture(new SeqRange(next, next - 1));
        }
        PendingAppend pending = queue.append(copy);
        return pending.future();
    }

    /**
     * Opens the persisted cursor of sink {@code sinkName}, creating it at the oldest reading held. A cursor can be
     * open once at a time.
     */
    public LogCursor cursor(String sinkName) throws IOException {
        if (sinkName.isBlank()) {
            throw new IllegalArgumentException("sink name must not be blank");
        }
        ensureOpen();
        CursorState cursor = state.cursors().open(sinkName, state.index().firstSeq());
        LogCursor opened = new LogCursor(this, cursor, new CursorReader(readers, cursor.committedSeq()));
        cursors.add(opened);
        return opened;
    }

    /** Whether a cursor of this name exists, open or persisted. */
    public boolean hasCursor(String name) {
        return state.cursors().knows(name);
    }

    /** Deletes a cursor that is no longer needed; it must be closed. */
    public void dropCursor(String name) throws IOException {
        ensureOpen();
        state.cursors().drop(name);
    }

    /**
     * Names the sinks whose cursors hold back segment deletion. A cursor left by a removed sink must not keep the
     * disk full forever; if that sink comes back, it gets a gap for what was deleted meanwhile.
     */
    /**
     * Applies the retention settings of {@code options} ({@code max_bytes}, {@code max_age}, {@code overflow}) from
     * now on; the other settings are fixed while the log is open. A tighter limit evicts at the next housekeeping.
     */
    public void setRetention(LogOptions options) {
        retention.set(options.maxBytes().bytes(), options.maxAge().toMillis(), options.overflow());
        queue.requestHousekeeping();
    }

    public void setActiveCursors(Set<String> sinkNames) {
        state.cursors().setActive(sinkNames);
        queue.requestHousekeeping();
    }

    /** Why readings cannot be stored now (closed, the writer stopped, the disk full); null while they can. */
    public @Nullable String appendProblem() {
        return closed.get() ? "the log is closed" : loop.appendProblem();
    }

    public LogStats stats() {
        Map<String, Long> positions = new HashMap<>(state.cursors().persistedPositions());
        Map<String, CursorState> open = state.cursors().openCursors();
        open.forEach((name, cursor) -> positions.put(name, cursor.committedSeq()));
        return StatsSnapshot.of(state.index(), positions, state.cursors()::isActive, open::containsKey, clock.millis(),
                new StatsSnapshot.Counters(metrics.evicted(), metrics.corruptions(), metrics.appended(),
                        metrics.commits(), metrics.diskFullEvents(), metrics.recoveryScannedBytes(), metrics.commitSeconds(),
                        metrics.commitReadings(), metrics::appendedNotBefore));
    }

    /** The seq after the newest committed reading. */
    public long nextSeq() {
        return state.index().commitPoint().nextSeq();
    }

    /**
     * Commits what is queued, persists and closes every cursor still open, and releases the directory. Sinks
     * should stop polling first: a poll running meanwhile may fail.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        try {
            writerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException failure = null;
        for (LogCursor cursor : List.copyOf(cursors)) {
            try {
                cursor.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        state.index().close();
        writer.close();
        state.journal().close();
        lock.release();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops as a kill -9 would: nothing queued is committed and no cursor position is persisted. For crash tests.
     */
    void crash() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.halt();
        for (PendingAppend left : queue.abandon()) {
            left.future().completeExceptionally(new IllegalStateException("log crashed"));
        }
        try {
            writerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LogCursor cursor : List.copyOf(cursors)) {
            cursor.abandon();
        }
        state.index().close();
        writer.close();
        state.journal().close();
        lock.release();
    }

    void closed(LogCursor cursor) {
        cursors.remove(cursor);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** A cursor acknowledged: if appends wait for space, reclaim it now rather than at the next flush. */
    void cursorAdvanced() {
        if (loop.wantsSpace()) {
            queue.requestHousekeeping();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("log " + dir + " is closed");
        }
    }
}
