package dev.ferry.source.system.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Space on the file system that holds a path, in bytes, as {@code df} counts it.
 *
 * @param free what an unprivileged process can still write (the root reserve excluded)
 * @param used total less unallocated
 */
record DiskUsage(long total, long free, long used) {

    static DiskUsage of(Path path) throws IOException {
        FileStore store = Files.getFileStore(path);
        long total = store.getTotalSpace();
        return new DiskUsage(total, store.getUsableSpace(), total - store.getUnallocatedSpace());
    }
}
