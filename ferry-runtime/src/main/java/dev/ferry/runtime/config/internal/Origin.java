package dev.ferry.runtime.config.internal;

import java.nio.file.Path;

/**
 * Where something was written: 1-based line and column in {@code file}.
 *
 * @param line 0 when the problem concerns the file as a whole (it cannot be read, its format is unknown)
 */
public record Origin(Path file, int line, int column) {

    /** The top of the file, where problems about the whole document are reported. */
    public static Origin top(Path file) {
        return new Origin(file, 1, 1);
    }

    public static Origin wholeFile(Path file) {
        return new Origin(file, 0, 0);
    }
}
