package dev.ferry.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lines a file sink wrote, by sequence number; torn lines (a kill in mid-write) are set apart. */
record DeliveredLines(List<Line> lines, int torn) {

    record Line(long seq, String text) {}

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    static DeliveredLines read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new DeliveredLines(List.of(), 0);
        }
        return of(Files.readAllLines(file));
    }

    /** The reading lines of some JSON Lines output (gap lines are left out). */
    static List<Line> parse(String output) {
        return of(output.lines().filter(line -> !line.startsWith("{\"gap\"")).toList()).lines();
    }

    private static DeliveredLines of(List<String> texts) {
        List<Line> lines = new ArrayList<>();
        int torn = 0;
        for (String text : texts) {
            Matcher m = SEQ.matcher(text);
            if (text.startsWith("{") && text.endsWith("}") && m.find()) {
                lines.add(new Line(Long.parseLong(m.group(1)), text));
            } else {
                torn++;
            }
        }
        return new DeliveredLines(lines, torn);
    }
}
