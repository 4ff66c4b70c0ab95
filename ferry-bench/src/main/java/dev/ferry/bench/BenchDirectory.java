package dev.ferry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where benchmarks keep their data. It must be a real disk: on tmpfs an fsync costs nothing, so a durable
 * append would look as cheap as a memory copy and the comparison with SQLite would mean nothing.
 */
final class BenchDirectory {

    /** System property naming the root directory; every run makes fresh directories below it. */
    static final String PROPERTY = "ferry.bench.dir";
    static final Path DEFAULT_ROOT = Path.of("ferry-bench", "target", "bench-data");

    private static final Set<String> MEMORY_FILE_SYSTEMS = Set.of("tmpfs", "ramfs", "devtmpfs");

    private BenchDirectory() {}

    /** A new empty directory below the root, named after what it will hold. */
    static Path fresh(String purpose) throws IOException {
        Path root = root();
        Files.createDirectories(root);
        String type = Files.getFileStore(root).type().toLowerCase(Locale.ROOT);
        if (MEMORY_FILE_SYSTEMS.contains(type)) {
            throw new NotOnDiskException(PROPERTY + ": " + root.toAbsolutePath() + " is on " + type
                    + ", where fsync costs nothing; point -D" + PROPERTY + " at a directory on a real disk");
        }
        return Files.createTempDirectory(root, purpose + "-");
    }

    /** Removes a directory made by {@link #fresh} and everything in it. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(BenchDirectory::deleteOne);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The configured directory is in memory, so no benchmark that fsyncs can mean anything there. */
    static final class NotOnDiskException extends IllegalStateException {
        NotOnDiskException(String message) {
            super(message);
        }
    }

    private static Path root() {
        String configured = System.getProperty(PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_ROOT : Path.of(configured);
    }

    private static void deleteOne(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
