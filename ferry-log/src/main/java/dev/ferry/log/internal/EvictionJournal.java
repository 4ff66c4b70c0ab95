package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import dev.ferry.api.GapReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Why seq ranges are missing from the log, kept on disk so that a sink which comes back after a restart still
 * learns the reason for its gap. Append-only, one fsync'd 32-byte entry per eviction; rewritten (atomically) only
 * at open, to drop entries no cursor can reach any more.
 *
 * <pre>
 * file:  magic "FERRYEVJ" | entry*
 * entry: first seq i64 | last seq i64 | at (epoch ms) i64 | reason u8 | 3 zero bytes | crc32c u32
 * </pre>
 *
 * Thread-safe: the writer appends evictions, readers append corruption they find.
 */
public final class EvictionJournal implements AutoCloseable {

    private static final byte[] MAGIC = "FERRYEVJ".getBytes(StandardCharsets.US_ASCII);
    private static final int ENTRY = 32;

    private final FileChannel channel;
    private final List<Eviction> entries;
    private long size;

    private EvictionJournal(FileChannel channel, List<Eviction> entries, long size) {
        this.channel = channel;
        this.entries = entries;
        this.size = size;
    }

    /** Reads the journal without changing it; damaged entries are skipped and counted in the result. */
    public static Loaded load(Storage storage, Path file) throws IOException {
        if (!storage.exists(file)) {
            return new Loaded(List.of(), 0);
        }
        byte[] bytes = storage.readAllBytes(file);
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Loaded(List.of(), bytes.length == 0 ? 0 : 1);
        }
        List<Eviction> entries = new ArrayList<>();
        int damaged = 0;
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        for (int at = MAGIC.length; at + ENTRY <= bytes.length; at += ENTRY) {
            crc.reset();
            crc.update(bytes, at, ENTRY - 4);
            int reason = b.get(at + 24);
            if ((int) crc.getValue() != b.getInt(at + ENTRY - 4) || reason < 0 || reason >= GapReason.values().length) {
                damaged++;
                continue;
            }
            entries.add(new Eviction(b.getLong(at), b.getLong(at + 8), GapReason.values()[reason], b.getLong(at + 16)));
        }
        if ((bytes.length - MAGIC.length) % ENTRY != 0) {
            damaged++;
        }
        return new Loaded(entries, damaged);
    }

    public record Loaded(List<Eviction> entries, int damagedEntries) {}

    /**
     * Rewrites the journal with the entries that still matter (those ending at or after {@code keepFrom}) and
     * opens it for appending.
     */
    public static EvictionJournal openCompacted(Storage storage, Path file, Loaded loaded, long keepFrom) throws IOException {
        List<Eviction> kept = new ArrayList<>();
        for (Eviction e : loaded.entries()) {
            if (e.lastSeq() >= keepFrom) {
                kept.add(e);
            }
        }
        if (kept.size() == loaded.entries().size() && loaded.damagedEntries() == 0 && storage.exists(file)
                && storage.size(file) >= MAGIC.length) {
            FileChannel ch = storage.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new EvictionJournal(ch, kept, ch.size());
        }
        ByteBuffer content = ByteBuffer.allocate(MAGIC.length + kept.size() * ENTRY);
        content.put(MAGIC);
        for (Eviction e : kept) {
            put(content, e);
        }
        AtomicFiles.replace(storage, file, content.flip());
        FileChannel ch = storage.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new EvictionJournal(ch, kept, ch.size());
    }

    /** Durably records an eviction before the bytes it names are deleted. */
    public synchronized void append(Eviction e) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(ENTRY);
        put(b, e);
        b.flip();
        while (b.hasRemaining()) {
            size += channel.write(b, size);
        }
        channel.force(false);
        entries.add(e);
    }

    public synchronized List<Eviction> entries() {
        return List.copyOf(entries);
    }

    /** Whether some entry with {@code reason} already covers all of {@code [first, last]}. */
    public synchronized boolean covers(long first, long last, GapReason reason) {
        for (Eviction e : entries) {
            if (e.reason() == reason && e.firstSeq() <= first && last <= e.lastSeq()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static void put(ByteBuffer b, Eviction e) {
        int start = b.position();
        b.putLong(e.firstSeq()).putLong(e.lastSeq()).putLong(e.atMillis()).put((byte) e.reason().ordinal())
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), start, ENTRY - 4);
        b.putInt((int) crc.getValue());
    }
}
