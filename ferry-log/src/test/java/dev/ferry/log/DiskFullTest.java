package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static dev.ferry.log.LogFixtures.assertContiguous;
import static dev.ferry.log.LogFixtures.drain;
import static dev.ferry.log.LogFixtures.gaps;
import static dev.ferry.log.LogFixtures.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log on a 2 MiB file system that fills up. */
class DiskFullTest {

    static final int BATCH = 100;

    @TempDir
    Path temp;

    SmallDisk disk;
    Path dir;

    @BeforeEach
    void mount() throws Exception {
        disk = SmallDisk.mount(temp.resolve("disk"), "2m");
        dir = disk.path().resolve("log");
    }

    @AfterEach
    void unmount() throws Exception {
        disk.close();
    }

    @Test
    void dropOldestEvictsWithReasonDiskFullAndKeepsAppending() throws Exception {
        LogOptions options = LogFixtures.small().withSegmentSize(DataSize.ofBytes(64 * 1024)).withMaxBytes(DataSize.ofMiB(64));
        try (CapturedLog captured = new CapturedLog()) {
            try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK)) {
                LogCursor lagging = log.cursor("lagging");
                long appended = 0;
                while (appended < 60_000) { // about twice what fits
                    SeqRange range = log.append(TestReadings.boilers(appended, BATCH)).get();
                    assertThat(range.first()).isEqualTo(appended);
                    appended += BATCH;
                }
                LogStats stats = log.stats();
                assertThat(stats.diskFullEvents()).isPositive();
                assertThat(stats.evicted(GapReason.DISK_FULL)).isPositive();
                assertThat(captured.lines("ERROR")).isNotEmpty().allSatisfy(line -> assertThat(line)
                        .contains("disk full").contains("No space left on device").contains("nothing committed is damaged"));

                List<LogEntry> entries = drain(lagging);
                assertContiguous(entries, 0);
                Gap gap = (Gap) entries.getFirst();
                assertThat(gap.reason()).isEqualTo(GapReason.DISK_FULL);
                assertThat(gaps(entries)).allSatisfy(g -> assertThat(g.reason()).isEqualTo(GapReason.DISK_FULL));
                assertIntact(entries);
                assertThat(entries.getLast().lastSeq()).isEqualTo(appended - 1);
            }
            try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK)) {
                assertThat(log.nextSeq()).isEqualTo(60_000);
                List<LogEntry> entries = drain(log.cursor("after-restart"));
                assertIntact(entries);
                assertThat(entries.getLast().lastSeq()).isEqualTo(59_999);
            }
        }
    }

    @Test
    void withNothingToEvictTheBatchFailsClearlyAndCommittedDataIsIntact() throws Exception {
        // One segment larger than the disk: nothing sealed to evict.
        LogOptions options = LogFixtures.small().withSegmentSize(DataSize.ofMiB(4)).withMaxBytes(DataSize.ofMiB(64));
        Path filler = disk.path().resolve("filler");
        Files.write(filler, new byte[512 * 1024]);
        long committed = 0;
        try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK)) {
            ExecutionException failure = null;
            while (failure == null) {
                try {
                    log.append(TestReadings.boilers(committed, BATCH)).get();
                    committed += BATCH;
                } catch (ExecutionException e) {
                    failure = e;
                }
            }
            assertThat(failure.getCause()).hasMessageContaining("disk full").hasMessageContaining("nothing left to evict")
                    .hasMessageContaining(dir.toString()).hasMessageContaining("Free space");
            assertThat(log.nextSeq()).isEqualTo(committed);
            assertThat(Files.size(segmentFiles(dir).getLast())).as("the partial write was cut off")
                    .isEqualTo(log.stats().bytes());

            Files.delete(filler);
            assertThat(log.append(TestReadings.boilers(committed, BATCH)).get().first()).isEqualTo(committed);
            committed += BATCH;
            List<LogEntry> entries = drain(log.cursor("s"));
            assertIntact(entries);
            assertThat(entries).hasSize((int) committed);
        }
        try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK)) {
            assertThat(log.nextSeq()).isEqualTo(committed);
            assertThat(log.stats().corruptionsFound()).isZero();
        }
    }

    @Test
    void blockWaitsForSinksToFreeSpaceThenResumes() throws Exception {
        LogOptions options = LogFixtures.small().withSegmentSize(DataSize.ofBytes(64 * 1024)).withMaxBytes(DataSize.ofMiB(64))
                .withOverflow(OverflowPolicy.BLOCK).withCursorFlushInterval(Duration.ofHours(1));
        try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK)) {
            LogCursor cursor = log.cursor("s");
            long appended = 0;
            CompletableFuture<SeqRange> waiting = null;
            while (waiting == null) {
                CompletableFuture<SeqRange> f = log.append(TestReadings.boilers(appended, BATCH));
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
                        .until(() -> f.isDone() || log.stats().diskFullEvents() > 0);
                if (f.isDone()) {
                    assertThat(f.get().first()).isEqualTo(appended);
                    appended += BATCH;
                } else {
                    waiting = f;
                }
            }
            assertThat(log.stats().diskFullEvents()).isPositive();
            assertThat(waiting).isNotDone();

            List<LogEntry> entries = drain(cursor);
            assertThat(gaps(entries)).isEmpty();
            assertThat(entries).hasSize((int) appended);
            cursor.ack(appended - 1);

            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new SeqRange(appended, appended + BATCH - 1));
            assertThat(log.stats().evictedReadings().values()).allMatch(n -> n == 0);
            List<LogEntry> rest = cursor.poll(1000, Duration.ofSeconds(5));
            assertThat(rest).hasSize(BATCH);
            assertIntact(rest);
        }
    }

    private static void assertIntact(List<LogEntry> entries) {
        for (LogEntry e : entries) {
            if (e instanceof StoredReading r) {
                assertThat(r.reading()).isEqualTo(TestReadings.boiler(r.id().seq()));
            }
        }
    }
}
