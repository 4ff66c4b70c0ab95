package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static dev.ferry.log.LogFixtures.appendNow;
import static dev.ferry.log.LogFixtures.assertContiguous;
import static dev.ferry.log.LogFixtures.drain;
import static dev.ferry.log.LogFixtures.gaps;
import static dev.ferry.log.LogFixtures.quarantined;
import static dev.ferry.log.LogFixtures.segmentFiles;
import static dev.ferry.log.LogFixtures.seqs;
import static dev.ferry.log.LogFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged bytes on disk cost the readings in them, never the log: they are skipped, quarantined, counted and reported. */
class CorruptionTest {

    static final int HEADER = 40;
    static final int RECORD = 12 + ReadingCodec.encode(TestReadings.boiler(0)).length;
    static final int COUNT = 300;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "byte {0} of record 5")
    @ValueSource(ints = {
        12 + 7,  // in the payload
        4,       // the high byte of the length: a huge length
        7,       // the low byte of the length: a slightly wrong length
        0,       // the checksum itself
        11,      // the seq offset
    })
    void aFlippedByteInASealedSegmentCostsOnlyItsRecord(int byteInRecord) throws Exception {
        writeLog();
        Path sealed = segmentFiles(dir).getFirst();
        long recordStart = HEADER + 5L * RECORD;
        flip(sealed, recordStart + byteInRecord);

        try (CapturedLog captured = new CapturedLog();
             DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            assertThat(log.stats().corruptionsFound()).as("sealed segments are not read at open").isZero();
            List<LogEntry> entries = drain(log.cursor("a"));
            assertIntactExceptSeq5(entries, log.epoch());

            assertThat(quarantined(dir)).singleElement().satisfies(q -> {
                assertThat(q.getFileName().toString()).isEqualTo(sealed.getFileName() + "@" + recordStart);
                assertThat(Files.size(q)).isEqualTo(RECORD);
            });
            LogStats stats = log.stats();
            assertThat(stats.corruptionsFound()).isEqualTo(1);
            assertThat(stats.evicted(GapReason.CORRUPT)).isEqualTo(1);

            // A second sink meets the same damage: same gap, but it is not counted, quarantined or logged twice.
            assertIntactExceptSeq5(drain(log.cursor("b")), log.epoch());
            assertThat(log.stats().corruptionsFound()).isEqualTo(1);
            assertThat(captured.lines("WARN")).singleElement().satisfies(line -> assertThat(line)
                    .contains(sealed.getFileName().toString()).contains("at byte " + recordStart)
                    .contains("skipped seqs 5..5").contains("quarantine/"));
        }
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            LogCursor again = log.cursor("c");
            assertIntactExceptSeq5(drain(again), log.epoch());
            assertThat(quarantined(dir)).hasSize(1);
        }
    }

    @Test
    void damageInTheMiddleOfTheLastSegmentIsFoundAtOpenAndAppendsContinueInANewSegment() throws Exception {
        writeLog();
        Path last = segmentFiles(dir).getLast();
        long lastBase = Long.parseLong(last.getFileName().toString().substring(0, 20));
        assertThat(Files.size(last)).isGreaterThan(HEADER + 3L * RECORD);
        flip(last, HEADER + RECORD + 20);
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            assertThat(log.stats().corruptionsFound()).isEqualTo(1);
            assertThat(log.nextSeq()).isEqualTo(COUNT);
            assertThat(appendNow(log, List.of(TestReadings.boiler(COUNT))).first()).isEqualTo(COUNT);
            List<LogEntry> entries = drain(log.cursor("a"));
            assertContiguous(entries, 0);
            assertThat(gaps(entries)).containsExactly(new Gap("gw", log.epoch(), lastBase + 1, lastBase + 1, GapReason.CORRUPT));
            assertThat(entries.getLast().lastSeq()).isEqualTo(COUNT);
        }
    }

    @Test
    void aSegmentWithADamagedHeaderIsMovedToQuarantineAtOpen() throws Exception {
        writeLog();
        List<Path> segments = segmentFiles(dir);
        Path second = segments.get(1);
        long from = base(second);
        long to = base(segments.get(2)) - 1;
        flip(second, 3);
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            assertThat(quarantined(dir)).extracting(p -> p.getFileName().toString()).containsExactly(second.getFileName().toString());
            List<LogEntry> entries = drain(log.cursor("a"));
            assertContiguous(entries, 0);
            assertThat(gaps(entries)).containsExactly(new Gap("gw", log.epoch(), from, to, GapReason.CORRUPT));
            assertThat(entries.getLast().lastSeq()).isEqualTo(COUNT - 1);
            assertThat(log.stats().corruptionsFound()).isEqualTo(1);
        }
    }

    @Test
    void aSegmentTheDiskCannotReadAtAllIsSetAsideAtOpen() throws Exception {
        writeLog();
        List<Path> segments = segmentFiles(dir);
        Path second = segments.get(1);
        replaceWithDirectory(second); // reading it fails with an I/O error, as a failing disk would
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            List<LogEntry> entries = drain(log.cursor("a"));
            assertContiguous(entries, 0);
            assertThat(gaps(entries)).containsExactly(
                    new Gap("gw", log.epoch(), base(second), base(segments.get(2)) - 1, GapReason.CORRUPT));
            assertThat(quarantined(dir)).extracting(p -> p.getFileName().toString()).containsExactly(second.getFileName().toString());
        }
    }

    @Test
    void aSegmentThatBecomesUnreadableWhileRunningCostsOnlyItsReadings() throws Exception {
        writeLog();
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            List<Path> segments = segmentFiles(dir);
            Path third = segments.get(2);
            replaceWithDirectory(third);
            List<LogEntry> entries = drain(log.cursor("a"));
            assertContiguous(entries, 0);
            assertThat(gaps(entries)).containsExactly(
                    new Gap("gw", log.epoch(), base(third), base(segments.get(3)) - 1, GapReason.CORRUPT));
            assertThat(entries.getLast().lastSeq()).isEqualTo(COUNT - 1);
            assertThat(log.stats().corruptionsFound()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableLastSegmentDoesNotStopTheLogNorReuseAcknowledgedSeqs() throws Exception {
        writeLog();
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK); LogCursor cursor = log.cursor("mqtt")) {
            log.cursor("lagging").close(); // keeps every segment on disk
            drain(cursor);
            cursor.ack(COUNT - 1);
        }
        Path last = segmentFiles(dir).getLast();
        replaceWithDirectory(last);
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            assertThat(log.nextSeq()).as("seqs the sink acknowledged are never given again").isEqualTo(COUNT);
            assertThat(appendNow(log, List.of(TestReadings.boiler(COUNT))).first()).isEqualTo(COUNT);
            List<LogEntry> entries = drain(log.cursor("audit"));
            assertContiguous(entries, 0);
            assertThat(gaps(entries)).containsExactly(new Gap("gw", log.epoch(), base(last), COUNT - 1, GapReason.CORRUPT));
        }
    }

    @Test
    void aDamagedCursorFileMakesItsSinkStartOverRatherThanSkip() throws Exception {
        writeLog();
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK); LogCursor cursor = log.cursor("mqtt")) {
            drain(cursor);
            cursor.ack(99);
        }
        Path cursorFile = dir.resolve("cursors/mqtt.cursor");
        flip(cursorFile, 14);
        flip(cursorFile, 32 + 14);
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            LogCursor cursor = log.cursor("mqtt");
            assertThat(cursor.committedSeq()).isZero();
            assertThat(quarantined(dir)).extracting(p -> p.getFileName().toString()).contains("mqtt.cursor");
        }
    }

    @Test
    void aDamagedMetaFileGivesANewEpochInsteadOfRefusingToStart() throws Exception {
        String epoch;
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            epoch = log.epoch();
            appendNow(log, TestReadings.boilers(0, 10));
        }
        flip(dir.resolve("meta"), 12);
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            assertThat(log.epoch()).isNotEqualTo(epoch).matches("[a-z2-7]{12}");
            assertThat(seqs(drain(log.cursor("a")))).hasSize(10);
        }
    }

    private void writeLog() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            for (int i = 0; i < COUNT; i += 50) {
                appendNow(log, TestReadings.boilers(i, 50));
            }
        }
        assertThat(segmentFiles(dir)).hasSizeGreaterThan(3);
    }

    private static void assertIntactExceptSeq5(List<LogEntry> entries, String epoch) {
        assertContiguous(entries, 0);
        assertThat(entries.getLast().lastSeq()).isEqualTo(COUNT - 1);
        assertThat(gaps(entries)).containsExactly(new Gap("gw", epoch, 5, 5, GapReason.CORRUPT));
        assertThat(seqs(entries)).containsExactlyElementsOf(LongStream.range(0, COUNT).filter(s -> s != 5).boxed().toList());
        for (LogEntry e : entries) {
            if (e instanceof StoredReading r) {
                assertThat(r.reading()).isEqualTo(TestReadings.boiler(r.id().seq()));
            }
        }
    }

    static void replaceWithDirectory(Path file) throws IOException {
        Files.delete(file);
        Files.createDirectory(file);
        Files.writeString(file.resolve("x"), "y".repeat(100));
    }

    static long base(Path segment) {
        return Long.parseLong(segment.getFileName().toString().substring(0, 20));
    }

    static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5A);
        }
    }
}
