package dev.ferry.log;

import dev.ferry.api.Nullable;
import dev.ferry.log.internal.SegmentFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second agent (or a second log in this one) from writing the same directory: an OS file lock on a file in
 * it, held while the directory is in use and gone with the process, so a crash never leaves a stale lock behind.
 */
public final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = SegmentFiles.lockFile(dir);
        DirectoryLock lock = tryAcquire(file);
        if (lock == null) {
            throw new IOException("log directory " + dir + " is in use by another log (lock held on " + file
                    + "); stop the other agent or give this one another log directory");
        }
        return lock;
    }

    /** Takes the lock on {@code file} (creating it); null when another process, or this one, holds it. */
    public static @Nullable DirectoryLock tryAcquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        release();
    }

    public void release() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
