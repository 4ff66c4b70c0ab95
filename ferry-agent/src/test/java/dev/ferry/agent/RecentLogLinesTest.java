package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The in-memory ring of recent log lines: lines pass through untouched, and memory stays bounded. */
class RecentLogLinesTest {

    @Test
    void keepsTheLastLinesAndWritesEverythingThrough() throws Exception {
        RecentLogLines recent = new RecentLogLines(3);
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        OutputStream tee = recent.tee(terminal);

        tee.write("one\ntwo\nthr".getBytes(StandardCharsets.UTF_8));
        tee.write("ee\nfour\nfive, unfinished".getBytes(StandardCharsets.UTF_8));

        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\nthree\nfour\nfive, unfinished");
        assertThat(recent.lines()).containsExactly("two", "three", "four");
    }

    @Test
    void cutsOverlongLines() throws Exception {
        RecentLogLines recent = new RecentLogLines(2);
        OutputStream tee = recent.tee(OutputStream.nullOutputStream());

        tee.write(("x".repeat(RecentLogLines.LONGEST_LINE * 10) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(recent.lines().getFirst()).hasSize(RecentLogLines.LONGEST_LINE + " [cut]".length()).endsWith(" [cut]");
    }
}
