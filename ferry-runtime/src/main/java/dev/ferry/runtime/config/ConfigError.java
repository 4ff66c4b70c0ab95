package dev.ferry.runtime.config;

import java.nio.file.Path;

/**
 * One thing wrong with a config file, placed where it was written.
 *
 * @param line 1-based; 0 when the error concerns the file as a whole (it cannot be read, its name has no
 *     known extension)
 * @param column 1-based; 0 when unknown
 * @param keyPath the dotted path of the key, list items as numbers ({@code sources.sim.signals.1.shape});
 *     empty for syntax errors, which belong to no key
 * @param message what is wrong, quoting the value, and where it helps what to do
 */
public record ConfigError(Path file, int line, int column, String keyPath, String message) {

    /**
     * {@code file:line: keyPath: message}; a syntax error is {@code file:line:column: message} and an error
     * about the whole file {@code file: message}.
     */
    @Override
    public String toString() {
        if (line == 0) {
            return file + ": " + message;
        }
        if (keyPath.isEmpty()) {
            return file + ":" + line + ":" + column + ": " + message;
        }
        return file + ":" + line + ": " + keyPath + ": " + message;
    }
}
