package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static dev.ferry.log.LogFixtures.appendNow;
import static dev.ferry.log.LogFixtures.drain;
import static dev.ferry.log.LogFixtures.segmentFiles;
import static dev.ferry.log.LogFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash during a write leaves part of a record at the end of the last segment; recovery cuts it off. */
class TornTailTest {

    private static final LogOptions OPTIONS = small().withSegmentSize(DataSize.ofBytes(64 * 1024));

    @TempDir
    Path temp;

    @Test
    void cuttingTheLastSegmentAtAnyByteRecoversExactlyTheCompleteRecords() throws Exception {
        Path pristine = temp.resolve("pristine");
        List<Long> ends = new ArrayList<>(); // file size once reading i was committed
        try (DurableLog log = DurableLog.open(pristine, OPTIONS, "gw", CLOCK)) {
            for (int i = 0; i < 30; i++) {
                appendNow(log, List.of(TestReadings.boiler(i)));
                ends.add(Files.size(segmentFiles(pristine).getLast()));
            }
        }
        long from = ends.get(24) - 1;
        long to = ends.getLast();
        for (long cut = from; cut <= to; cut++) {
            Path dir = temp.resolve("cut-" + cut);
            copy(pristine, dir);
            truncate(segmentFiles(dir).getLast(), cut);
            long complete = 0;
            while (complete < ends.size() && ends.get((int) complete) <= cut) {
                complete++;
            }
            assertRecovers(dir, complete, "cut at byte " + cut);
        }
    }

    @Test
    void aSegmentWhoseHeaderWasNotWrittenCompletelyIsRemoved() throws Exception {
        Path dir = temp.resolve("log");
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            appendNow(log, TestReadings.boilers(0, 200));
        }
        List<Path> segments = segmentFiles(dir);
        assertThat(segments).hasSizeGreaterThan(2);
        Path last = segments.getLast();
        long lastBase = Long.parseLong(last.getFileName().toString().substring(0, 20));
        // The writer had just created the next segment when the power went.
        truncate(last, 0);
        assertRecovers(dir, lastBase, "empty last segment");
    }

    @Test
    void zerosAfterTheLastRecordAreCutOff() throws Exception {
        Path dir = temp.resolve("log");
        try (DurableLog log = DurableLog.open(dir, OPTIONS, "gw", CLOCK)) {
            appendNow(log, TestReadings.boilers(0, 10));
        }
        Path last = segmentFiles(dir).getLast();
        long size = Files.size(last);
        truncate(last, size + 4096); // a file system that extended the file but never wrote the data
        assertRecovers(dir, 10, "zeros after the tail");
        assertThat(Files.size(last)).isEqualTo(size + 12 + ReadingCodec.encode(TestReadings.boiler(10)).length);
    }

    /** Opens the log: exactly seqs {@code [0, complete)} must be there, intact, and appends continue at {@code complete}. */
    private static void assertRecovers(Path dir, long complete, String what) throws Exception {
        try (DurableLog log = DurableLog.open(dir, OPTIONS, "gw", CLOCK)) {
            assertThat(log.nextSeq()).as(what).isEqualTo(complete);
            LogCursor cursor = log.cursor("s");
            List<LogEntry> entries = drain(cursor);
            assertThat(entries).as(what).hasSize((int) complete);
            for (int i = 0; i < complete; i++) {
                StoredReading r = (StoredReading) entries.get(i);
                assertThat(r.id().seq()).as(what).isEqualTo(i);
                assertThat(r.reading()).as(what).isEqualTo(TestReadings.boiler(i));
            }
            assertThat(appendNow(log, List.of(TestReadings.boiler(complete))).first()).as(what).isEqualTo(complete);
            assertThat(((StoredReading) cursor.poll(1, java.time.Duration.ofSeconds(5)).getFirst()).reading())
                    .isEqualTo(TestReadings.boiler(complete));
            assertThat(log.stats().corruptionsFound()).as(what).isZero();
        }
        try (DurableLog log = DurableLog.open(dir, OPTIONS, "gw", CLOCK)) {
            assertThat(log.nextSeq()).as(what + ", second open").isEqualTo(complete + 1);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals("lock")) {
                    Files.copy(f, target);
                }
            }
        }
    }
}
