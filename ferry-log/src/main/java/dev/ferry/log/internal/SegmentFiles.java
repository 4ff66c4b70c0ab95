package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Where a log directory keeps its files, and how segment files are named (by base seq, zero-padded). */
public final class SegmentFiles {

    private static final String SUFFIX = ".seg";

    private SegmentFiles() {}

    public static Path segmentDir(Path logDir) {
        return logDir.resolve("segments");
    }

    public static Path cursorDir(Path logDir) {
        return logDir.resolve("cursors");
    }

    public static Path quarantineDir(Path logDir) {
        return logDir.resolve("quarantine");
    }

    public static Path journalFile(Path logDir) {
        return logDir.resolve("evictions");
    }

    public static Path metaFile(Path logDir) {
        return logDir.resolve("meta");
    }

    public static Path lockFile(Path logDir) {
        return logDir.resolve("lock");
    }

    public static Path segmentPath(Path logDir, long baseSeq) {
        return segmentDir(logDir).resolve(String.format("%020d%s", baseSeq, SUFFIX));
    }

    /** The base seq a segment file name stands for, or empty for any other file. */
    public static OptionalLong baseSeqOf(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != 20 + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(name.substring(0, 20)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Segment files in the directory, oldest first. */
    public static List<Path> list(Storage storage, Path logDir) throws IOException {
        Path dir = segmentDir(logDir);
        if (!storage.isDirectory(dir)) {
            return List.of();
        }
        List<Path> segments = new ArrayList<>();
        for (Path file : storage.list(dir)) {
            if (baseSeqOf(file).isPresent()) {
                segments.add(file);
            }
        }
        segments.sort((a, b) -> Long.compare(baseSeqOf(a).getAsLong(), baseSeqOf(b).getAsLong()));
        return segments;
    }
}
