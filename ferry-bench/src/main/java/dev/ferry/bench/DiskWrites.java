package dev.ferry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Bytes this process has sent towards storage, as Linux accounts them in {@code /proc/self/io}:
 * {@code write_bytes} counts each page cache page when this process dirties it (so a 4 KiB page rewritten
 * after every fsync counts every time, as it reaches the disk every time), less {@code cancelled_write_bytes}
 * for dirty pages dropped before writeback. File-system metadata and journal writes are not included.
 */
record DiskWrites(long writeBytes, long cancelledWriteBytes) {

    private static final Path PROC_IO = Path.of("/proc/self/io");

    /** The counters now, or empty where the kernel does not offer them. */
    static Optional<DiskWrites> now() {
        List<String> lines;
        try {
            lines = Files.readAllLines(PROC_IO);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        OptionalLong written = field(lines, "write_bytes");
        OptionalLong cancelled = field(lines, "cancelled_write_bytes");
        if (written.isEmpty() || cancelled.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DiskWrites(written.getAsLong(), cancelled.getAsLong()));
    }

    /** Bytes written between {@code earlier} and this sample. */
    long since(DiskWrites earlier) {
        return (writeBytes - earlier.writeBytes) - (cancelledWriteBytes - earlier.cancelledWriteBytes);
    }

    /** The sum of the sizes of the regular files in {@code dir}, recursively. */
    static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(DiskWrites::size).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OptionalLong field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name + ":")) {
                return OptionalLong.of(Long.parseLong(line.substring(name.length() + 1).strip()));
            }
        }
        return OptionalLong.empty();
    }
}
