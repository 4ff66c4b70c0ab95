package dev.ferry.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.api.config.DataSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz target for what the log finds on disk after a crash: arbitrary bytes as the segment being written, recovered
 * when the log opens. Whatever the bytes, opening the log either fails with an {@link IOException} that says why, or
 * recovers a log whose readings a cursor reads in order, without holes or overlaps, and which takes the next reading
 * after them; {@link LogInspector} reads the same folder without failing otherwise. Any other exception, a recovered
 * log that cannot be read or written, or an input that takes longer than the timeout, is a finding.
 *
 * <p>Each input is written as the only segment of a copy of a log made once with a fixed clock, in a folder of its
 * own, and the log is opened there through its public API, as the agent opens it. A normal build runs the target over
 * the inputs in {@code src/test/resources/dev/ferry/log/SegmentRecoveryFuzzTestInputs/segment/} (seeds and every
 * crash found so far); {@code bin/fuzz} fuzzes it for real and writes a crashing input there. The seeds are a segment
 * as the log writes it, with 40 readings, and the same torn, followed by zeros, and with a damaged record.
 */
class SegmentRecoveryFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final LogOptions OPTIONS = LogOptions.defaults().withSegmentSize(DataSize.ofBytes(64 * 1024))
            .withCommitInterval(Duration.ZERO);
    private static final String SEGMENT = "00000000000000000000.seg";

    @TempDir
    static Path temp;

    private static Path pristine;
    private static final AtomicInteger runs = new AtomicInteger();

    /** A log with no segment but the one each input becomes. */
    @BeforeAll
    static void pristineLog() throws Exception {
        pristine = temp.resolve("pristine");
        try (DurableLog log = DurableLog.open(pristine, OPTIONS, "gw", CLOCK)) {
            log.append(readings(0, 40)).get(10, TimeUnit.SECONDS);
        }
        assertThat(segments(pristine)).as("segments of the pristine log").containsExactly(pristine.resolve("segments").resolve(SEGMENT));
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void segment(byte[] segment) throws Exception {
        Path dir = temp.resolve("run-" + runs.incrementAndGet());
        copy(pristine, dir);
        Files.write(dir.resolve("segments").resolve(SEGMENT), segment);
        try {
            recover(dir);
            inspect(dir);
        } finally {
            delete(dir);
        }
    }

    /** The seeds are what they claim: the whole segment recovers its 40 readings, the torn one fewer. */
    @Test
    void theSeedSegmentsRecoverTheirReadings() throws Exception {
        assertThat(recoveredFrom(seed("written.seg"))).isEqualTo(40);
        assertThat(recoveredFrom(seed("zeros-after-the-tail.seg"))).isEqualTo(40);
        assertThat(recoveredFrom(seed("torn-tail.seg"))).isEqualTo(39);
    }

    private static long recoveredFrom(byte[] segment) throws Exception {
        Path dir = temp.resolve("seed-" + runs.incrementAndGet());
        copy(pristine, dir);
        Files.write(dir.resolve("segments").resolve(SEGMENT), segment);
        try (DurableLog log = DurableLog.open(dir, OPTIONS, "gw", CLOCK); LogCursor cursor = log.cursor("seed")) {
            return readAll(cursor).stream().filter(e -> e instanceof StoredReading).count();
        } finally {
            delete(dir);
        }
    }

    /** Opens the log as the agent does, reads everything it recovered, and appends one more reading. */
    private static void recover(Path dir) throws Exception {
        DurableLog log;
        try {
            log = DurableLog.open(dir, OPTIONS, "gw", CLOCK);
        } catch (IOException e) {
            assertMessage(e);
            return;
        }
        try (log; LogCursor cursor = log.cursor("fuzz")) {
            List<LogEntry> entries = readAll(cursor);
            long next = entries.isEmpty() ? log.nextSeq() : entries.getFirst().firstSeq();
            for (LogEntry entry : entries) {
                assertThat(entry.firstSeq()).as("entry %s", entry).isEqualTo(next);
                next = entry.lastSeq() + 1;
            }
            assertThat(next).as("the next seq after what was recovered").isEqualTo(log.nextSeq());

            Reading more = readings(next, 1).getFirst();
            SeqRange appended = log.append(List.of(more)).get(5, TimeUnit.SECONDS);
            assertThat(appended.first()).isEqualTo(next);
            assertThat(readAll(cursor)).singleElement().isInstanceOfSatisfying(StoredReading.class,
                    stored -> assertThat(stored.reading()).isEqualTo(more));
        }
    }

    /** What {@code ferry log dump} does with the same folder. */
    private static void inspect(Path dir) {
        try {
            LogInspector inspector = LogInspector.open(dir);
            inspector.stats();
            inspector.dump(0, Long.MAX_VALUE, entry -> assertThat(entry).isNotNull(),
                    problem -> assertThat(problem).isNotBlank());
        } catch (IOException e) {
            assertMessage(e);
        }
    }

    private static List<LogEntry> readAll(LogCursor cursor) throws IOException, InterruptedException {
        List<LogEntry> all = new ArrayList<>();
        for (List<LogEntry> batch = cursor.poll(1000, Duration.ZERO); !batch.isEmpty(); batch = cursor.poll(1000, Duration.ZERO)) {
            all.addAll(batch);
        }
        return all;
    }

    /** Readings whose every field is the same from one run to the next, tags in one order. */
    private static List<Reading> readings(long from, int count) {
        List<Reading> list = new ArrayList<>();
        for (long n = from; n < from + count; n++) {
            list.add(new Reading("boiler", "temperature", n % 3 == 0 ? new Value.Int(n) : new Value.Num(20 + n / 10.0),
                    "Cel", TestReadings.T0.plusMillis(n), n % 2 == 0 ? Map.of("site", "north") : Map.of()));
        }
        return list;
    }

    private static void assertMessage(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("failed without a message: " + e, e);
        }
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("lock")) { // the log opened on the copy takes a lock of its own
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = SegmentRecoveryFuzzTest.class.getResourceAsStream("SegmentRecoveryFuzzTestInputs/segment/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
