package dev.ferry.runtime.deadletter.internal;

import dev.ferry.api.Nullable;
import dev.ferry.runtime.deadletter.DeadLetter;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one segment's records in order, without holding more than one in memory. Stops at the first record that is
 * cut short or fails its checksum: that is where a crash tore the tail, and {@link #validBytes()} tells how much
 * of the file before it is whole.
 */
public final class RecordReader implements AutoCloseable {

    /** No record is larger: a length beyond it is a torn or damaged header, not a record to allocate for. */
    private static final int MAX_PAYLOAD = 16 << 20;

    private final Path segment;
    private DataInputStream in;
    private long validBytes;
    private long marked;
    private boolean damaged;

    public RecordReader(Path segment) throws IOException {
        this.segment = segment;
        this.in = openAt(segment, 0);
    }

    private static DataInputStream openAt(Path segment, long offset) throws IOException {
        InputStream file = Files.newInputStream(segment);
        file.skipNBytes(offset);
        return new DataInputStream(new BufferedInputStream(file, 16 * 1024));
    }

    /** Remembers the position after the records read so far. */
    public void mark() {
        marked = validBytes;
    }

    /** Goes back to the position {@link #mark()} remembered, so the records after it are read again. */
    public void reset() throws IOException {
        in.close();
        in = openAt(segment, marked);
        validBytes = marked;
        damaged = false;
    }

    /** The next whole record, or null at the end of the file or at the first damaged record. */
    public @Nullable DeadLetter next() throws IOException {
        if (damaged) {
            return null;
        }
        int length;
        int crc;
        try {
            length = in.readInt();
            crc = in.readInt();
        } catch (EOFException e) {
            damaged = in.available() > 0;
            return null;
        }
        if (length <= 0 || length > MAX_PAYLOAD) {
            damaged = true;
            return null;
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            damaged = true;
            return null;
        }
        DeadLetter letter = DeadLetterCodec.decode(payload, crc);
        if (letter == null) {
            damaged = true;
            return null;
        }
        validBytes += DeadLetterCodec.HEADER + length;
        return letter;
    }

    /** Bytes of the file, from its start, taken up by the whole records read so far. */
    public long validBytes() {
        return validBytes;
    }

    /** True when reading stopped at a record that was cut short or failed its checksum. */
    public boolean damaged() {
        return damaged;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
