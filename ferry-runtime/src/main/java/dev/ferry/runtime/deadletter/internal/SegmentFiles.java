package dev.ferry.runtime.deadletter.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Names in a sink's dead-letter directory: numbered segments {@code 000001.dl}, and small state files. */
public final class SegmentFiles {

    private static final String SUFFIX = ".dl";

    private SegmentFiles() {}

    public static Path segment(Path dir, long number) {
        return dir.resolve(String.format("%06d%s", number, SUFFIX));
    }

    /** The segments' numbers, oldest first; empty when the directory does not exist. */
    public static List<Long> numbers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Long> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
                    try {
                        numbers.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                    } catch (NumberFormatException e) {
                        // not ours: left alone
                    }
                }
            }
        }
        numbers.sort(null);
        return numbers;
    }

    /** Reads a small number kept in a state file; 0 when there is none. */
    public static long readNumber(Path file) throws IOException {
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold a number", e);
        }
    }

    /** Writes a state file whole or not at all, and makes it durable. */
    public static void writeNumber(Path file, long value) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, Long.toString(value));
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
