package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps damaged bytes for a person to look at, under {@code quarantine/} in the log directory. Sealed segments are
 * never rewritten, so a damaged range is copied out and the reader skips it; a wholly unreadable segment file is
 * moved.
 */
public final class Quarantine {

    private final Storage storage;
    private final Path dir;

    public Quarantine(Storage storage, Path logDir) {
        this.storage = storage;
        this.dir = SegmentFiles.quarantineDir(logDir);
    }

    /** Copies bytes {@code [start, end)} of {@code file}; returns the quarantine file, relative to the log dir. */
    public String copy(Path file, long start, long end) throws IOException {
        storage.createDirectories(dir);
        Path target = dir.resolve(file.getFileName() + "@" + start);
        try (FileChannel in = storage.open(file, StandardOpenOption.READ);
             FileChannel out = storage.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long at = start;
            while (at < end) {
                long n = in.transferTo(at, end - at, out);
                if (n <= 0) {
                    break;
                }
                at += n;
            }
            out.force(false);
        }
        return dir.getFileName() + "/" + target.getFileName();
    }

    /** Moves a whole file out of the log; returns its new place, relative to the log dir. */
    public String move(Path file) throws IOException {
        storage.createDirectories(dir);
        Path target = dir.resolve(file.getFileName().toString());
        storage.move(file, target);
        storage.syncDirectory(file.getParent());
        storage.syncDirectory(dir);
        return dir.getFileName() + "/" + target.getFileName();
    }
}
