package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static dev.ferry.log.LogFixtures.appendNow;
import static dev.ferry.log.LogFixtures.segmentFiles;
import static dev.ferry.log.LogFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogInspectorTest {

    @TempDir
    Path dir;

    @Test
    void readingsEverySinkConsumedAreNoGapInTheDump() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw-7", CLOCK)) {
            LogCursor cursor = log.cursor("out");
            for (int i = 0; i < 400; i += 50) {
                appendNow(log, TestReadings.boilers(i, 50));
            }
            cursor.ack(LogFixtures.pollAll(cursor, 300).getLast().lastSeq());
            cursor.flush();
            appendNow(log, TestReadings.boilers(400, 50));   // housekeeping runs with the writer
        }
        LogInspector inspector = LogInspector.open(dir);
        assertThat(inspector.stats().firstSeq()).as("consumed segments were deleted").isPositive();

        List<LogEntry> entries = new ArrayList<>();
        inspector.dump(0, Long.MAX_VALUE, entries::add, p -> { });

        assertThat(LogFixtures.gaps(entries)).isEmpty();
        assertThat(entries.getFirst().firstSeq()).isEqualTo(inspector.stats().firstSeq());
        LogFixtures.assertContiguous(entries, inspector.stats().firstSeq());
    }

    @Test
    void statsAndDumpDescribeALogWithoutChangingAByte() throws Exception {
        String epoch;
        try (DurableLog log = DurableLog.open(dir, small().withMaxBytes(DataSize.ofBytes(16 * 1024)), "gw-7", CLOCK)) {
            epoch = log.epoch();
            LogCursor cursor = log.cursor("mqtt");
            for (int i = 0; i < 400; i += 50) {
                appendNow(log, TestReadings.boilers(i, 50));
            }
            cursor.poll(10, java.time.Duration.ZERO);
            cursor.ack(4);
        }
        List<Path> segments = segmentFiles(dir);
        CorruptionTest.flip(segments.get(1), 40 + 12 + 3); // a damaged record in a sealed segment
        Path last = segments.getLast();
        TornTailTest.truncate(last, Files.size(last) - 5); // and a torn tail
        Map<String, String> before = fingerprint(dir);

        LogInspector inspector = LogInspector.open(dir);
        assertThat(inspector.agentId()).isEqualTo("gw-7");
        assertThat(inspector.epoch()).isEqualTo(epoch);
        LogStats stats = inspector.stats();
        assertThat(stats.nextSeq()).isEqualTo(399);
        assertThat(stats.firstSeq()).isPositive();
        assertThat(stats.segments()).isEqualTo(segments.size());
        assertThat(stats.evicted(GapReason.RETENTION_BYTES)).isEqualTo(stats.firstSeq());
        assertThat(stats.cursors()).containsOnlyKeys("mqtt");
        assertThat(stats.cursors().get("mqtt").committedSeq()).isEqualTo(5);

        List<LogEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        inspector.dump(0, Long.MAX_VALUE, entries::add, problems::add);
        LogFixtures.assertContiguous(entries, 0);
        assertThat(entries.getFirst()).isEqualTo(new Gap("gw-7", epoch, 0, stats.firstSeq() - 1, GapReason.RETENTION_BYTES));
        assertThat(entries.getLast().lastSeq()).isEqualTo(398);
        assertThat(LogFixtures.gaps(entries)).extracting(Gap::reason).containsExactly(GapReason.RETENTION_BYTES, GapReason.CORRUPT);
        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(segments.get(1).getFileName().toString()).contains("checksum mismatch"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("incomplete record"));

        List<LogEntry> page = new ArrayList<>();
        inspector.dump(300, 5, page::add, p -> { });
        assertThat(page).extracting(LogEntry::firstSeq).containsExactly(300L, 301L, 302L, 303L, 304L);
        assertThat(((StoredReading) page.getFirst()).reading()).isEqualTo(TestReadings.boiler(300));

        assertThat(fingerprint(dir)).isEqualTo(before);
    }

    @Test
    void aDirectoryThatIsNoLogIsRefusedClearly() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> LogInspector.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Ferry log directory").hasMessageContaining(dir.toString());
    }

    private static Map<String, String> fingerprint(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.toList()) {
                String name = dir.relativize(f).toString();
                files.put(name, Files.isDirectory(f) ? "dir" : HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))) + " " + Files.getLastModifiedTime(f));
            }
        }
        return files;
    }
}
