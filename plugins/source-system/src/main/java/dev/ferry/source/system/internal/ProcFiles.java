package dev.ferry.source.system.internal;

import dev.ferry.api.MalformedDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the small text files of /proc, with errors that name the file. */
final class ProcFiles {

    private ProcFiles() {}

    static String read(Path file) throws IOException {
        try {
            // Files.size of a /proc file is 0, so read to the end rather than by size
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file; is proc_root a proc file system?");
        }
    }

    static long countEntries(Path directory) throws IOException {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path ignored : entries) {
                count++;
            }
        }
        return count;
    }

    static long parseLong(String text, Path file, String what) throws MalformedDataException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(file + ": " + what + " is not a whole number: \"" + text + "\"");
        }
    }

    static double parseDouble(String text, Path file, String what) throws MalformedDataException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(file + ": " + what + " is not a number: \"" + text + "\"");
        }
    }
}
