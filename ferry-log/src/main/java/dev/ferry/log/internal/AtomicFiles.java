package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durable file operations: write-then-rename, and fsync of a directory so a new or renamed entry survives power loss. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code content} so a crash leaves either the old or the new file, never a mix. */
    public static void replace(Path target, ByteBuffer content) throws IOException {
        replace(Storage.DISK, target, content);
    }

    public static void replace(Storage storage, Path target, ByteBuffer content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = storage.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (content.hasRemaining()) {
                ch.write(content);
            }
            ch.force(true);
        }
        storage.move(temp, target);
        storage.syncDirectory(target.getParent());
    }

    /** Makes created, renamed and deleted entries of {@code dir} durable. */
    public static void syncDirectory(Path dir) throws IOException {
        Storage.DISK.syncDirectory(dir);
    }
}
