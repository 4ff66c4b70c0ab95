package dev.ferry.log;

import static dev.ferry.log.LogFixtures.appendNow;
import static dev.ferry.log.LogFixtures.assertContiguous;
import static dev.ferry.log.LogFixtures.drain;
import static dev.ferry.log.LogFixtures.gaps;
import static dev.ferry.log.LogFixtures.seqs;
import static dev.ferry.log.LogFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(TestReadings.T0);

    @Test
    void dropOldestEvictsBySizeAndTheLaggingCursorGetsARetentionBytesGap() throws Exception {
        LogOptions options = small().withMaxBytes(DataSize.ofBytes(16 * 1024));
        try (DurableLog log = DurableLog.open(dir, options, "gw", clock)) {
            LogCursor slow = log.cursor("slow");
            for (int i = 0; i < 20; i++) {
                appendNow(log, TestReadings.numbered(i * 100L, 100));
            }
            LogStats stats = log.stats();
            assertThat(stats.bytes()).isLessThanOrEqualTo(16 * 1024 + 4096);
            assertThat(stats.firstSeq()).isGreaterThan(0);
            long evicted = stats.evicted(GapReason.RETENTION_BYTES);
            assertThat(evicted).isEqualTo(stats.firstSeq());

            List<LogEntry> entries = drain(slow);
            assertContiguous(entries, 0);
            assertThat(entries.getFirst()).isEqualTo(new Gap("gw", log.epoch(), 0, stats.firstSeq() - 1, GapReason.RETENTION_BYTES));
            assertThat(seqs(entries)).hasSize((int) (2000 - stats.firstSeq()));
        }
        // The reason survives a restart: the journal keeps it.
        try (DurableLog log = DurableLog.open(dir, options, "gw", clock)) {
            LogCursor slow = log.cursor("slow");
            List<LogEntry> entries = drain(slow);
            assertThat(gaps(entries)).singleElement().extracting(Gap::reason).isEqualTo(GapReason.RETENTION_BYTES);
        }
    }

    @Test
    void retentionChangedWhileTheLogRunsAppliesAtOnce() throws Exception {
        LogOptions roomy = small().withMaxBytes(DataSize.ofBytes(64 * 1024)).withOverflow(OverflowPolicy.BLOCK);
        try (DurableLog log = DurableLog.open(dir, roomy, "gw", clock)) {
            LogCursor slow = log.cursor("slow");
            long appended = 0;
            while (log.stats().bytes() < 64 * 1024) {
                appendNow(log, TestReadings.numbered(appended, 50));
                appended += 50;
            }
            long start = appended;
            CompletableFuture<SeqRange> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return log.append(TestReadings.numbered(start, 50)).get();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertThat(blocked).as("full under block").isNotDone();

            // drop-oldest with a smaller limit: the waiting append goes through and the log shrinks to the new limit
            log.setRetention(roomy.withMaxBytes(DataSize.ofBytes(16 * 1024)).withOverflow(OverflowPolicy.DROP_OLDEST));
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(new SeqRange(start, start + 49));
            appendNow(log, TestReadings.numbered(start + 50, 1));
            LogStats stats = log.stats();
            assertThat(stats.bytes()).isLessThanOrEqualTo(16 * 1024 + 4096);
            assertThat(stats.evicted(GapReason.RETENTION_BYTES)).isEqualTo(stats.firstSeq()).isPositive();
            List<LogEntry> entries = drain(slow);
            assertContiguous(entries, 0);
            assertThat(entries.getFirst()).isEqualTo(new Gap("gw", log.epoch(), 0, stats.firstSeq() - 1, GapReason.RETENTION_BYTES));
        }
    }

    @Test
    void segmentsOlderThanMaxAgeAreEvictedWithReasonRetentionAge() throws Exception {
        LogOptions options = small().withMaxAge(Duration.ofHours(8));
        try (DurableLog log = DurableLog.open(dir, options, "gw", clock)) {
            LogCursor cursor = log.cursor("s");
            appendNow(log, TestReadings.numbered(0, 50));
            clock.advance(Duration.ofHours(2)); // past max_age/8: the segment is sealed before more is appended
            appendNow(log, TestReadings.numbered(50, 50));
            clock.advance(Duration.ofHours(7)); // the first 50 are now 9 hours old, the next 50 are 7
            appendNow(log, TestReadings.numbered(100, 1));
            assertThat(log.stats().oldestEntryAge()).isEqualTo(Duration.ofHours(7));

            List<LogEntry> entries = drain(cursor);
            assertContiguous(entries, 0);
            Gap gap = gaps(entries).getFirst();
            assertThat(gap.reason()).isEqualTo(GapReason.RETENTION_AGE);
            assertThat(gap.firstSeq()).isZero();
            assertThat(gap.lastSeq()).isEqualTo(49);
            assertThat(seqs(entries)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(50, 100).boxed().toList());
            assertThat(log.stats().evicted(GapReason.RETENTION_AGE)).isEqualTo(gap.count());
        }
    }

    @Test
    void readingsYoungerThanMaxAgeAreKept() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small().withMaxAge(Duration.ofHours(8)), "gw", clock)) {
            LogCursor cursor = log.cursor("s");
            for (int hour = 0; hour < 7; hour++) {
                appendNow(log, TestReadings.numbered(hour * 10L, 10));
                clock.advance(Duration.ofHours(1));
            }
            List<LogEntry> entries = drain(cursor);
            assertThat(gaps(entries)).isEmpty();
            assertThat(seqs(entries)).hasSize(70);
        }
    }

    @Test
    void blockPolicyMakesAppendWaitUntilACursorAcknowledges() throws Exception {
        LogOptions options = small().withMaxBytes(DataSize.ofBytes(16 * 1024)).withOverflow(OverflowPolicy.BLOCK)
                .withCursorFlushInterval(Duration.ofHours(1));
        try (DurableLog log = DurableLog.open(dir, options, "gw", clock)) {
            LogCursor cursor = log.cursor("s");
            long appended = 0;
            while (log.stats().bytes() < 16 * 1024) {
                appendNow(log, TestReadings.numbered(appended, 50));
                appended += 50;
            }
            long start = appended;
            CompletableFuture<SeqRange> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return log.append(TestReadings.numbered(start, 50)).get();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertThat(blocked).isNotDone();

            List<LogEntry> entries = drain(cursor);
            assertThat(gaps(entries)).isEmpty();
            cursor.ack(entries.getLast().lastSeq());

            assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(new SeqRange(start, start + 49));
            assertThat(log.stats().evictedReadings().values()).allMatch(n -> n == 0);
        }
    }

    @Test
    void optionsThatCannotWorkAreRefusedWithTheKeyNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LogOptions.defaults().withMaxBytes(DataSize.ofMiB(100)))
                .hasMessageContaining("log.max_bytes").hasMessageContaining("64MiB");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LogOptions.defaults().withSegmentSize(DataSize.ofBytes(10)))
                .hasMessageContaining("log.segment_size");
    }
}
