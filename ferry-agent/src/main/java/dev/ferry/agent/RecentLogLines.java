package dev.ferry.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The agent's last log lines, kept in memory for support bundles. slf4j-simple writes to whatever
 * {@link System#err} is when it logs, so teeing standard error catches every line, whoever logs it, without a
 * logging backend of our own. Bounded in lines and in line length; nothing is ever written to disk.
 */
public final class RecentLogLines {

    static final int LINES = 500;
    static final int LONGEST_LINE = 2000;

    private final ArrayDeque<String> lines = new ArrayDeque<>(LINES);
    private final int capacity;

    RecentLogLines(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps a copy of every line written to standard error from now on, which is still written there too. */
    public static RecentLogLines teeStandardError() {
        RecentLogLines recent = new RecentLogLines(LINES);
        PrintStream original = System.err;
        System.setErr(new PrintStream(recent.tee(original), true, StandardCharsets.UTF_8));
        return recent;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > LONGEST_LINE ? line.substring(0, LONGEST_LINE) + " [cut]" : line);
    }

    /** A stream that writes through to {@code target} and hands every finished line to {@link #add}. */
    OutputStream tee(OutputStream target) {
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) throws IOException {
                target.write(b);
                collect(b);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
                target.write(bytes, offset, length);
                for (int i = offset; i < offset + length; i++) {
                    collect(bytes[i]);
                }
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }

            private void collect(int b) {
                if (b == '\n') {
                    add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() <= LONGEST_LINE * 4) {   // a line without end must not grow without bound
                    line.write(b);
                }
            }
        };
    }
}
