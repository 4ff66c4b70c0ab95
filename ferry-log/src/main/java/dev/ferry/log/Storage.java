package dev.ferry.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every file operation the log makes: it touches its directory through nothing else. In an agent these are the
 * disk's ({@link #DISK}); a test puts in a file system that keeps what was written but not yet synced apart, and
 * cuts the power at any instant, to hold the log to the crash contract of {@code BUFFER.md} without root or FUSE.
 *
 * <p>What the log relies on is what POSIX promises and no more: data written to a file is durable once its channel
 * was forced; a created, renamed or deleted entry is durable once its directory was synced.
 */
public interface Storage {

    Storage DISK = new DiskStorage();

    /** Opens a file as {@link FileChannel#open} does; what is written is durable once the channel was forced. */
    FileChannel open(Path file, OpenOption... options) throws IOException;

    boolean exists(Path path);

    boolean isDirectory(Path path);

    long size(Path file) throws IOException;

    /** The entries of a directory, in no particular order. */
    List<Path> list(Path dir) throws IOException;

    /** Creates {@code dir} and its missing parents, durably: a directory the log made survives a power cut. */
    void createDirectories(Path dir) throws IOException;

    /** Renames {@code from} to {@code to}, replacing {@code to}; atomically where the file system can. */
    void move(Path from, Path to) throws IOException;

    void delete(Path file) throws IOException;

    boolean deleteIfExists(Path file) throws IOException;

    /** Makes the created, renamed and deleted entries of {@code dir} durable. */
    void syncDirectory(Path dir) throws IOException;

    default byte[] readAllBytes(Path file) throws IOException {
        try (FileChannel channel = open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large to read at once (" + size + " bytes)");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // until the buffer is full or the file ends
            }
            return bytes.position() == bytes.capacity() ? bytes.array()
                    : java.util.Arrays.copyOf(bytes.array(), bytes.position());
        }
    }
}
