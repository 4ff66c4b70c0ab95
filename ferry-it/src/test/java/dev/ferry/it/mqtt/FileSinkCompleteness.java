package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A file sink's lines counted by ID against the log the agent wrote. */
final class FileSinkCompleteness {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private FileSinkCompleteness() {}

    /** Every reading before the file sink's cursor is in its file, each seq with the log's content. */
    static void assertComplete(LoggedReadings log, String sink, Path file) throws IOException {
        long cursor = log.cursor(sink);
        TreeSet<Long> delivered = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            Matcher seq = SEQ.matcher(line);
            if (seq.find()) {
                delivered.add(Long.parseLong(seq.group(1)));
            }
        }
        List<Long> missing = new ArrayList<>();
        for (long seq = 0; seq < cursor; seq++) {
            if (!delivered.contains(seq)) {
                missing.add(seq);
            }
        }
        assertThat(missing).as("readings sink %s acknowledged (cursor %d) missing from %s", sink, cursor, file).isEmpty();
        assertThat(delivered.last()).as("nothing delivered that the log does not hold").isLessThan(log.nextSeq());
    }
}
