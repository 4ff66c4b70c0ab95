package dev.ferry.runtime.health;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Captures what slf4j-simple writes (to {@code System.err}, looked up at each line) while open, and still shows
 * it. Tests run one at a time in a module, so swapping the stream is safe.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public LogCapture() {
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setErr(new PrintStream(new TeeStream(capture, original), true, StandardCharsets.UTF_8));
    }

    public synchronized List<String> lines() {
        String text;
        synchronized (bytes) {
            text = bytes.toString(StandardCharsets.UTF_8);
        }
        return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    public List<String> linesContaining(String part) {
        return lines().stream().filter(l -> l.contains(part)).toList();
    }

    /** Lines of a printed stack trace ({@code \tat ...}). */
    public List<String> stackTraceLines() {
        return lines().stream().filter(l -> l.startsWith("\tat ") || l.startsWith("    at ")).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream first;
        private final PrintStream second;

        TeeStream(PrintStream first, PrintStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() {
            first.flush();
            second.flush();
        }
    }
}
