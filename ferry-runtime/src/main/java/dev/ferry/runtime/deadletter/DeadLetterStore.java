package dev.ferry.runtime.deadletter;

import dev.ferry.api.Nullable;
import dev.ferry.api.RefusedEntriesException.Refused;
import dev.ferry.log.DirectoryLock;
import dev.ferry.runtime.deadletter.internal.DeadLetterCodec;
import dev.ferry.runtime.deadletter.internal.RecordReader;
import dev.ferry.runtime.deadletter.internal.SegmentFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's dead letters, in {@code data_dir/dead-letters/<sink>/}: numbered segment files of checksummed records
 * ({@link DeadLetterCodec}), appended and forced to disk before the sink's cursor moves past the refused entries.
 * Beyond {@code maxBytes} the oldest segment is deleted and its records are counted as evicted (the count is kept
 * in the file {@code evicted}). A torn tail left by a crash is cut off when the store opens.
 *
 * <p>Requests from outside the agent arrive as files, so the command line reaches a running agent without a
 * connection: {@code replay-request} asks for every dead letter held at that moment to be sent again, and
 * {@code purge-request} for all of them to be deleted. The owner takes them up in {@link #takeRequests()}. A replay
 * in progress is recorded in {@code replaying} (the last segment it covers), so it carries on after a restart.
 *
 * <p>Owned by one sink runner, which holds the directory's lock while it runs; {@link DeadLetterFiles} reads and
 * requests without the lock, safe while the agent runs. Thread-safe.
 */
public final class DeadLetterStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);
    static final String LOCK = ".lock";
    static final String EVICTED = "evicted";
    static final String REPLAYING = "replaying";
    static final String REPLAY_REQUEST = "replay-request";
    static final String PURGE_REQUEST = "purge-request";

    private record Segment(long bytes, long records) {
        Segment plus(long moreBytes, long moreRecords) {
            return new Segment(bytes + moreBytes, records + moreRecords);
        }
    }

    private final Path dir;
    private final String sink;
    private final long maxBytes;
    private final long segmentBytes;
    private final DirectoryLock lock;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private @Nullable FileChannel active;
    private long activeNumber;
    private long bytes;
    private volatile long held;
    private volatile long evicted;
    private long replayUpTo;
    private long replaySegment;
    private @Nullable RecordReader replayReader;

    private DeadLetterStore(Path dir, String sink, long maxBytes, DirectoryLock lock) {
        this.dir = dir;
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.clamp(maxBytes / 8, 4096, 8 << 20);
        this.lock = lock;
    }

    /**
     * Opens (creating) a sink's store and takes its lock.
     *
     * @throws StoreInUseException another process (a running agent) holds the store
     */
    public static DeadLetterStore open(Path dir, String sink, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        DirectoryLock lock = DirectoryLock.tryAcquire(dir.resolve(LOCK));
        if (lock == null) {
            throw new StoreInUseException(dir);
        }
        DeadLetterStore store = new DeadLetterStore(dir, sink, maxBytes, lock);
        try {
            store.recover();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Another process holds a store's lock. */
    public static final class StoreInUseException extends IOException {
        StoreInUseException(Path dir) {
            super("the dead letters in " + dir + " are in use by a running agent");
        }
    }

    private void recover() throws IOException {
        List<Long> numbers = SegmentFiles.numbers(dir);
        for (Long number : numbers) {
            Path file = SegmentFiles.segment(dir, number);
            long records = 0;
            long valid;
            boolean damaged;
            try (RecordReader reader = new RecordReader(file)) {
                while (reader.next() != null) {
                    records++;
                }
                valid = reader.validBytes();
                damaged = reader.damaged();
            }
            if (damaged && number.equals(numbers.getLast())) {
                log.warn("sink {}: dead letters: cutting a torn record off the end of {} (left by a crash while it was written)",
                        sink, file);
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    out.truncate(valid);
                    out.force(true);
                }
            } else if (damaged) {
                log.warn("sink {}: dead letters: {} is damaged after {} record(s); the rest of it cannot be read", sink, file, records);
            }
            segments.put(number, new Segment(valid, records));
            bytes += valid;
            held += records;
        }
        evicted = SegmentFiles.readNumber(dir.resolve(EVICTED));
        replayUpTo = SegmentFiles.readNumber(dir.resolve(REPLAYING));
    }

    /** Appends these refused entries, as refused at {@code time}, and forces them to disk. */
    public synchronized void add(List<Refused> refused, Instant time) throws IOException {
        for (Refused one : refused) {
            byte[] record = DeadLetterCodec.encode(new DeadLetter(one.entry(), sink, one.refusal(), time));
            FileChannel out = activeFor(record.length);
            ByteBuffer buffer = ByteBuffer.wrap(record);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            segments.merge(activeNumber, new Segment(record.length, 1), (a, b) -> a.plus(b.bytes(), b.records()));
            bytes += record.length;
            held++;
        }
        if (active != null) {
            active.force(false);
        }
        evictBeyondLimit();
    }

    private FileChannel activeFor(int recordBytes) throws IOException {
        if (active != null && active.size() + recordBytes > segmentBytes && active.size() > 0) {
            closeActive();
        }
        if (active == null) {
            long last = segments.isEmpty() ? 0 : segments.lastKey();
            Segment lastSegment = segments.get(last);
            boolean reuse = last > replayUpTo && lastSegment != null && lastSegment.bytes() + recordBytes <= segmentBytes;
            activeNumber = reuse ? last : last + 1;
            Path file = SegmentFiles.segment(dir, activeNumber);
            active = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (!reuse) {
                segments.put(activeNumber, new Segment(0, 0));
                forceDirectory();
            }
        }
        return active;
    }

    private void closeActive() throws IOException {
        if (active != null) {
            active.force(false);
            active.close();
            active = null;
        }
    }

    private void evictBeyondLimit() throws IOException {
        long dropped = 0;
        while (bytes > maxBytes && !segments.isEmpty()) {
            long oldest = segments.firstKey();
            if (active != null && oldest == activeNumber) {
                closeActive();
            }
            dropped += deleteSegment(oldest);
        }
        if (dropped > 0) {
            evicted += dropped;
            SegmentFiles.writeNumber(dir.resolve(EVICTED), evicted);
            log.warn("sink {}: dead letters over their limit of {} bytes: the oldest {} were deleted ({} deleted so far)",
                    sink, maxBytes, dropped, evicted);
        }
    }

    /** Deletes a segment and forgets its records; returns how many there were. */
    private long deleteSegment(long number) throws IOException {
        if (number == replaySegment && replayReader != null) {
            replayReader.close();
            replayReader = null;
        }
        Segment gone = segments.remove(number);
        Files.deleteIfExists(SegmentFiles.segment(dir, number));
        if (gone == null) {
            return 0;
        }
        bytes -= gone.bytes();
        held -= gone.records();
        return gone.records();
    }

    private void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the records themselves are synced.
        }
    }

    /** Dead letters held now. */
    public long held() {
        return held;
    }

    /** Dead letters deleted because the store was over its limit, since it was created. */
    public long evicted() {
        return evicted;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Takes up a request left by the command line: a purge deletes every dead letter now; a replay marks every
     * dead letter held now to be sent again (see {@link #nextReplay}). Returns what was done, for the log, or null.
     */
    public synchronized @Nullable String takeRequests() throws IOException {
        String done = null;
        if (Files.deleteIfExists(dir.resolve(PURGE_REQUEST))) {
            long purged = purge();
            done = "purged " + purged + " dead letter(s) as requested";
        }
        if (Files.exists(dir.resolve(REPLAY_REQUEST))) {
            if (replayUpTo == 0 && !segments.isEmpty()) {
                closeActive();
                replayUpTo = segments.lastKey();
                SegmentFiles.writeNumber(dir.resolve(REPLAYING), replayUpTo);
                done = "sending " + held + " dead letter(s) again as requested";
            }
            Files.deleteIfExists(dir.resolve(REPLAY_REQUEST));
        }
        return done;
    }

    /** True while dead letters wait to be sent again. */
    public synchronized boolean replaying() {
        return replayUpTo > 0;
    }

    /**
     * The next dead letters to send again, at most {@code max}, all from one segment; the same ones again until
     * {@link #replayed} is called. Empty when the replay is over.
     */
    public synchronized List<DeadLetter> nextReplay(int max) throws IOException {
        while (replayUpTo > 0) {
            if (replayReader == null) {
                Long next = segments.ceilingKey(replaySegment + 1);
                if (next == null || next > replayUpTo) {
                    finishReplay();
                    return List.of();
                }
                replaySegment = next;
                replayReader = new RecordReader(SegmentFiles.segment(dir, next));
                replayReader.mark();
            } else {
                replayReader.reset();
            }
            List<DeadLetter> batch = new ArrayList<>();
            DeadLetter letter;
            while (batch.size() < max && (letter = replayReader.next()) != null) {
                batch.add(letter);
            }
            if (!batch.isEmpty()) {
                return batch;
            }
            replayReader.close();
            replayReader = null;
            deleteSegment(replaySegment);
        }
        return List.of();
    }

    /** The batch {@link #nextReplay} gave was delivered, or refused again and added anew. */
    public synchronized void replayed() throws IOException {
        if (replayReader != null) {
            replayReader.mark();
        }
    }

    private void finishReplay() throws IOException {
        replayUpTo = 0;
        replaySegment = 0;
        Files.deleteIfExists(dir.resolve(REPLAYING));
    }

    /** Deletes every dead letter; returns how many there were. */
    public synchronized long purge() throws IOException {
        closeActive();
        long purged = 0;
        for (Long number : List.copyOf(segments.keySet())) {
            purged += deleteSegment(number);
        }
        finishReplay();
        Files.deleteIfExists(dir.resolve(REPLAY_REQUEST));
        return purged;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            closeActive();
            if (replayReader != null) {
                replayReader.close();
                replayReader = null;
            }
        } finally {
            lock.release();
        }
    }
}
