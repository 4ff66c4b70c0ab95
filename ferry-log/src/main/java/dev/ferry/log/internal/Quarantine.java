package dev.ferry.log.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps damaged bytes for a person to look at, under {@code quarantine/} in the log directory. Sealed segments are
 * never rewritten, so a damaged range is copied out and the reader skips it; a wholly unreadable segment file is
 * moved.
 */
public final class Quarantine {

    private final Path dir;

    public Quarantine(Path logDir) {
        this.dir = SegmentFiles.quarantineDir(logDir);
    }

    /** Copies bytes {@code [start, end)} of {@code file}; returns the quarantine file, relative to the log dir. */
    public String copy(Path file, long start, long end) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(file.getFileName() + "@" + start);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
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
        Files.createDirectories(dir);
        Path target = dir.resolve(file.getFileName().toString());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.syncDirectory(file.getParent());
        return dir.getFileName() + "/" + target.getFileName();
    }
}
