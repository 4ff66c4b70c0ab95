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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a second agent (or a second log in this one) from writing the same directory: an OS file lock on a file in
 * it, held while the directory is in use and gone with the process, so a crash never leaves a stale lock behind.
 *
 * <p>The lock is a POSIX record lock, which the process loses as soon as it closes <em>any</em> descriptor of the
 * file, not only the one that took it. So this process never opens a file whose lock it holds: the files it holds
 * are known here, and asking for one of them again answers "held" without touching the file. (Without this, a
 * running agent that merely asked whether its own log was in use, as a config check does, let go of it.)
 */
public final class DirectoryLock implements AutoCloseable {

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;
    private final Path key;

    private DirectoryLock(FileChannel channel, FileLock lock, Path key) {
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    static DirectoryLock acquire(Storage storage, Path dir) throws IOException {
        storage.createDirectories(dir);
        Path file = SegmentFiles.lockFile(dir);
        DirectoryLock lock = tryAcquire(storage, file);
        if (lock == null) {
            throw new IOException("log directory " + dir + " is in use by another log (lock held on " + file
                    + "); stop the other agent or give this one another log directory");
        }
        return lock;
    }

    /** Takes the lock on {@code file} (creating it); null when another process, or this one, holds it. */
    public static @Nullable DirectoryLock tryAcquire(Path file) throws IOException {
        return tryAcquire(Storage.DISK, file);
    }

    private static @Nullable DirectoryLock tryAcquire(Storage storage, Path file) throws IOException {
        Path key = keyOf(file);
        if (!HELD_HERE.add(key)) {
            return null;
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = storage.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
        if (lock == null) {
            channel.close();
            HELD_HERE.remove(key);
            return null;
        }
        return new DirectoryLock(channel, lock, key);
    }

    /** The same for every path of the file: its folder's real path (links followed), without opening the file. */
    private static Path keyOf(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        return Files.isDirectory(folder) ? folder.toRealPath().resolve(absolute.getFileName()) : absolute;
    }

    @Override
    public void close() throws IOException {
        release();
    }

    public void release() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD_HERE.remove(key);
            }
        }
    }
}
