package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import dev.ferry.api.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appenders, readers and retention all at once: every sink still sees each seq exactly once, as a reading or in a gap. */
class ConcurrentUseTest {

    static final int APPENDERS = 3;
    static final int APPENDS_EACH = 300;
    static final int BATCH = 20;
    static final long TOTAL = (long) APPENDERS * APPENDS_EACH * BATCH;

    @Test
    void sinksSeeEverySeqOnceWhileRetentionEvictsUnderThem(@TempDir Path dir) throws Exception {
        LogOptions options = LogFixtures.small().withSegmentSize(DataSize.ofBytes(2048)).withMaxBytes(DataSize.ofBytes(16 * 1024))
                .withCursorFlushInterval(Duration.ofMillis(5));
        try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK);
             ExecutorService pool = Executors.newFixedThreadPool(APPENDERS + 2)) {
            List<LogCursor> cursors = List.of(log.cursor("fast"), log.cursor("slow"));
            List<Future<BitSet>> readers = new ArrayList<>();
            for (int c = 0; c < cursors.size(); c++) {
                LogCursor cursor = cursors.get(c);
                boolean slow = c == 1;
                readers.add(pool.submit(() -> read(cursor, slow)));
            }
            List<Future<?>> appenders = new ArrayList<>();
            for (int a = 0; a < APPENDERS; a++) {
                appenders.add(pool.submit(() -> {
                    for (int i = 0; i < APPENDS_EACH; i++) {
                        log.append(TestReadings.numbered(0, BATCH)).get();
                    }
                    return null;
                }));
            }
            for (Future<?> f : appenders) {
                f.get();
            }
            for (Future<BitSet> r : readers) {
                assertThat(r.get().cardinality()).as("seqs seen as readings or in gaps").isEqualTo((int) TOTAL);
            }
            assertThat(log.stats().evicted(GapReason.RETENTION_BYTES)).isPositive();
        }
    }

    /** Reads until every seq was seen, as a reading or inside a gap; returns the seqs covered. */
    private static BitSet read(LogCursor cursor, boolean slow) throws Exception {
        BitSet covered = new BitSet();
        long next = 0;
        for (int round = 1; next < TOTAL; round++) {
            List<LogEntry> entries = cursor.poll(slow ? 7 : 500, Duration.ofSeconds(5));
            assertThat(entries).as("a poll at seq %d", next).isNotEmpty();
            for (LogEntry e : entries) {
                assertThat(e.firstSeq()).as("entries follow each other").isEqualTo(next);
                if (e instanceof StoredReading r) {
                    assertThat(r.reading().value()).isInstanceOf(Value.Int.class);
                } else {
                    assertThat(((Gap) e).reason()).isEqualTo(GapReason.RETENTION_BYTES);
                }
                covered.set((int) e.firstSeq(), (int) e.lastSeq() + 1);
                next = e.lastSeq() + 1;
            }
            if (slow && round % 5 == 0) {
                cursor.rewind(); // a failed send: the same IDs come again
                next = cursor.committedSeq();
            } else {
                cursor.ack(next - 1);
            }
            if (slow) {
                Thread.sleep(1);
            }
        }
        return covered;
    }
}
