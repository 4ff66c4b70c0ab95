package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static dev.ferry.log.LogFixtures.appendNow;
import static dev.ferry.log.LogFixtures.drain;
import static dev.ferry.log.LogFixtures.pollAll;
import static dev.ferry.log.LogFixtures.segmentFiles;
import static dev.ferry.log.LogFixtures.seqs;
import static dev.ferry.log.LogFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.LogEntry;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableLogTest {

    @TempDir
    Path dir;

    @Test
    void appendedReadingsArePolledWithTheirIdsAndAcked() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw-1", CLOCK)) {
            assertThat(log.epoch()).matches("[a-z2-7]{12}");
            SeqRange first = appendNow(log, TestReadings.numbered(0, 3));
            SeqRange second = appendNow(log, TestReadings.numbered(3, 2));
            assertThat(first).isEqualTo(new SeqRange(0, 2));
            assertThat(second).isEqualTo(new SeqRange(3, 4));
            assertThat(log.nextSeq()).isEqualTo(5);

            LogCursor cursor = log.cursor("mqtt");
            List<LogEntry> entries = cursor.poll(10, Duration.ofSeconds(1));
            assertThat(entries).hasSize(5);
            for (int i = 0; i < 5; i++) {
                StoredReading r = (StoredReading) entries.get(i);
                assertThat(r.id()).isEqualTo(new ReadingId("gw-1", log.epoch(), i));
                assertThat(r.reading()).isEqualTo(TestReadings.numbered(i));
            }
            cursor.ack(2);
            assertThat(cursor.committedSeq()).isEqualTo(3);
            assertThat(cursor.poll(10, Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void commitGroupsLargerThanTheWriteBufferAreSplitNotRefused() throws Exception {
        // 100 lists of 1000 in flight at once make commit groups of several MiB; records land at every offset
        // of the writer's buffer, including the last few bytes where not even a record header fits.
        try (DurableLog log = DurableLog.open(dir, LogOptions.defaults(), "gw", CLOCK)) {
            List<CompletableFuture<SeqRange>> pending = new ArrayList<>();
            for (int batch = 0; batch < 100; batch++) {
                pending.add(log.append(TestReadings.boilers(batch * 1000L, 1000)));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            assertThat(log.nextSeq()).isEqualTo(100_000);
            LogCursor cursor = log.cursor("out");
            List<LogEntry> all = drain(cursor);
            assertThat(seqs(all)).containsExactlyElementsOf(LongStream.range(0, 100_000).boxed().toList());
        }
    }

    @Test
    void aCursorCanSkipAheadAndBeDropped() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            appendNow(log, TestReadings.numbered(0, 100));
            LogCursor live = log.cursor("out~live");
            live.skipTo(90);
            assertThat(live.committedSeq()).isEqualTo(90);
            assertThat(live.readSeq()).isEqualTo(90);
            assertThat(seqs(drain(live))).containsExactlyElementsOf(LongStream.range(90, 100).boxed().toList());
            live.skipTo(50);   // backwards is no move
            assertThat(live.committedSeq()).isEqualTo(90);
            assertThatThrownBy(() -> live.skipTo(101)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.dropCursor("out~live")).isInstanceOf(IllegalStateException.class);
            live.close();

            assertThat(log.hasCursor("out~live")).isTrue();
            log.dropCursor("out~live");
            assertThat(log.hasCursor("out~live")).isFalse();
            assertThat(log.stats().cursors()).doesNotContainKey("out~live");
        }
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            assertThat(log.hasCursor("out~live")).as("dropped for good").isFalse();
        }
    }

    @Test
    void restartKeepsEntriesIdsAndCursorPosition() throws Exception {
        String epoch;
        try (DurableLog log = DurableLog.open(dir, small(), "gw-1", CLOCK)) {
            epoch = log.epoch();
            appendNow(log, TestReadings.numbered(0, 100));
            LogCursor cursor = log.cursor("mqtt");
            pollAll(cursor, 40);
            cursor.ack(39);
        }
        try (DurableLog log = DurableLog.open(dir, small(), "gw-1", CLOCK)) {
            assertThat(log.epoch()).isEqualTo(epoch);
            assertThat(log.nextSeq()).isEqualTo(100);
            LogCursor cursor = log.cursor("mqtt");
            assertThat(cursor.committedSeq()).isEqualTo(40);
            List<LogEntry> rest = pollAll(cursor, 60);
            assertThat(seqs(rest)).containsExactlyElementsOf(LongStream.range(40, 100).boxed().toList());
            assertThat(((StoredReading) rest.getFirst()).id()).isEqualTo(new ReadingId("gw-1", epoch, 40));
            assertThat(appendNow(log, TestReadings.numbered(100, 1))).isEqualTo(new SeqRange(100, 100));
        }
    }

    @Test
    void rewindRedeliversTheSameIds() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            appendNow(log, TestReadings.numbered(0, 300));
            LogCursor cursor = log.cursor("coap");
            pollAll(cursor, 100);
            cursor.ack(49);
            List<LogEntry> sent = pollAll(cursor, 150);
            assertThat(sent.getFirst().firstSeq()).isEqualTo(100);
            cursor.rewind();
            List<LogEntry> again = pollAll(cursor, 250);
            assertThat(seqs(again)).containsExactlyElementsOf(LongStream.range(50, 300).boxed().toList());
        }
    }

    @Test
    void ackingWhatWasNeverPolledIsRefused() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            appendNow(log, TestReadings.numbered(0, 10));
            LogCursor cursor = log.cursor("s");
            cursor.poll(5, Duration.ZERO);
            assertThatThrownBy(() -> cursor.ack(7)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot acknowledge seq 7");
            cursor.ack(4);
            assertThat(cursor.committedSeq()).isEqualTo(5);
        }
    }

    @Test
    void aCursorCanBeOpenOnlyOnceAtATime() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            LogCursor cursor = log.cursor("s");
            assertThatThrownBy(() -> log.cursor("s")).isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
            cursor.close();
            log.cursor("s").close();
        }
    }

    @Test
    void aSecondLogOnTheSameDirectoryIsRefused() throws Exception {
        try (DurableLog _ = DurableLog.open(dir, small(), "gw", CLOCK)) {
            assertThatThrownBy(() -> DurableLog.open(dir, small(), "gw", CLOCK))
                    .hasMessageContaining("in use by another log");
        }
    }

    @Test
    void pollWakesUpWhenAReadingIsCommitted() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            LogCursor cursor = log.cursor("s");
            CompletableFuture<List<LogEntry>> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return cursor.poll(10, Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(50);
            appendNow(log, TestReadings.numbered(0, 1));
            assertThat(seqs(polled.get())).containsExactly(0L);
        }
    }

    @Test
    void appendsFromManyThreadsGetUniqueConsecutiveSeqs() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small().withCommitInterval(Duration.ofMillis(2)), "gw", CLOCK);
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<SeqRange>> ranges = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                ranges.add(pool.submit(() -> {
                    SeqRange last = null;
                    for (int i = 0; i < 50; i++) {
                        last = log.append(TestReadings.numbered(0, 7)).get();
                        assertThat(last.count()).isEqualTo(7);
                    }
                    return last;
                }));
            }
            for (Future<SeqRange> r : ranges) {
                r.get();
            }
            assertThat(log.nextSeq()).isEqualTo(8 * 50 * 7);
            LogCursor cursor = log.cursor("s");
            assertThat(seqs(pollAll(cursor, 2800))).containsExactlyElementsOf(LongStream.range(0, 2800).boxed().toList());
            assertThat(log.stats().commits()).isLessThanOrEqualTo(400);
        }
    }

    @Test
    void segmentsRollAndAreDeletedOnceEveryActiveCursorPassedThem() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small().withCursorFlushInterval(Duration.ofMillis(10)), "gw", CLOCK)) {
            LogCursor a = log.cursor("a");
            LogCursor b = log.cursor("b");
            appendNow(log, TestReadings.numbered(0, 1000));
            int segments = segmentFiles(dir).size();
            assertThat(segments).isGreaterThan(5);

            List<LogEntry> all = pollAll(a, 1000);
            a.ack(999);
            a.flush();
            appendNow(log, TestReadings.numbered(1000, 1)); // a commit runs housekeeping
            assertThat(segmentFiles(dir).size()).isGreaterThanOrEqualTo(segments); // b pins them
            assertThat(log.stats().firstSeq()).isZero(); // b still needs everything

            pollAll(b, 1001);
            b.ack(1000);
            b.flush();
            a.ack(all.getLast().lastSeq());
            appendNow(log, TestReadings.numbered(1001, 1));
            await().until(() -> log.stats().firstSeq() > 900);
            assertThat(segmentFiles(dir).size()).isLessThanOrEqualTo(2);
            assertThat(log.stats().evictedReadings().values()).allMatch(n -> n == 0);
        }
    }

    @Test
    void aStaleCursorOutsideTheActiveSetDoesNotPinSegments() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            log.cursor("removed-sink").close();
            LogCursor live = log.cursor("live");
            log.setActiveCursors(Set.of("live"));
            appendNow(log, TestReadings.numbered(0, 1000));
            pollAll(live, 1000);
            live.ack(999);
            live.flush();
            appendNow(log, TestReadings.numbered(1000, 1));
            await().until(() -> log.stats().firstSeq() > 900);
            assertThat(log.stats().cursors().get("removed-sink").active()).isFalse();
            assertThat(log.stats().cursors().get("removed-sink").lag()).isEqualTo(1001);
        }
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            // The removed sink comes back: it learns what it missed instead of silently skipping it.
            LogCursor back = log.cursor("removed-sink");
            List<LogEntry> entries = drain(back);
            assertThat(entries.getFirst()).isInstanceOf(dev.ferry.api.Gap.class);
            assertThat(entries.getFirst().firstSeq()).isZero();
            LogFixtures.assertContiguous(entries, 0);
            assertThat(entries.getLast().lastSeq()).isEqualTo(1000);
        }
    }

    @Test
    void anEmptyAppendCompletesAtOnce() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK)) {
            appendNow(log, TestReadings.numbered(0, 2));
            SeqRange empty = log.append(List.of()).get();
            assertThat(empty.count()).isZero();
            assertThat(empty.first()).isEqualTo(2);
        }
    }

    @Test
    void appendAfterCloseFails() throws Exception {
        DurableLog log = DurableLog.open(dir, small(), "gw", CLOCK);
        log.close();
        assertThat(log.append(TestReadings.numbered(0, 1))).isCompletedExceptionally();
        assertThatThrownBy(() -> log.cursor("x")).isInstanceOf(IllegalStateException.class);
    }
}
