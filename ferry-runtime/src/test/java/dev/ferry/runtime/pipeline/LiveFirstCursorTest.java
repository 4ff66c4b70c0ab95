package dev.ferry.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Batch;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live-first delivery against a real log: fresh readings first, the backlog behind them, nothing skipped. */
class LiveFirstCursorTest {

    @TempDir
    Path dir;

    private DurableLog log;

    @BeforeEach
    void open() throws Exception {
        log = DurableLog.open(dir, LogOptions.defaults().withCommitInterval(Duration.ZERO), "gw", Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        log.close();
    }

    private void append(int from, int count) {
        List<Reading> readings = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            readings.add(Reading.of("s", "m", Value.of((long) i), "", Instant.EPOCH));
        }
        try {
            log.append(readings).join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> seqs(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::firstSeq).toList();
    }

    /** Polls, acknowledges and records until nothing is left. */
    private static List<Long> drain(SinkCursor cursor, List<Long> delivered) throws Exception {
        while (true) {
            List<LogEntry> entries = cursor.poll(100, Duration.ZERO);
            if (entries.isEmpty()) {
                return delivered;
            }
            delivered.addAll(seqs(entries));
            cursor.ack(new Batch(entries));
        }
    }

    @Test
    void freshReadingsGoFirstAndTheBacklogFollows() throws Exception {
        append(0, 1000);
        LiveFirstCursor cursor = new LiveFirstCursor(log, "out", 10);
        cursor.opened();
        append(1000, 5);

        List<LogEntry> first = cursor.poll(100, Duration.ZERO);
        assertThat(seqs(first)).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
        cursor.ack(new Batch(first));
        List<LogEntry> second = cursor.poll(100, Duration.ZERO);
        assertThat(seqs(second).getFirst()).isZero();
        cursor.ack(new Batch(second));
        append(1005, 3);
        assertThat(seqs(cursor.poll(100, Duration.ZERO))).as("fresh ones jump the queue again").containsExactly(1005L, 1006L, 1007L);
        cursor.rewind();

        List<Long> delivered = drain(cursor, new ArrayList<>(seqs(first)));
        delivered.addAll(0, seqs(second));

        assertThat(new TreeSet<>(delivered)).containsExactlyElementsOf(LongStream.range(0, 1008).boxed().toList());
        assertThat(delivered).hasSize(1008);
        assertThat(cursor.committedSeq()).isEqualTo(1008);
        assertThat(log.hasCursor("out~live")).as("back to one cursor").isFalse();
        assertThat(log.hasCursor("out~split")).isFalse();
        append(1008, 2);
        assertThat(seqs(cursor.poll(100, Duration.ZERO))).containsExactly(1008L, 1009L);
        cursor.close();
    }

    @Test
    void aRestartInTheMiddleResumesBothLanesWithoutSkippingAnything() throws Exception {
        append(0, 500);
        LiveFirstCursor cursor = new LiveFirstCursor(log, "out", 10);
        cursor.opened();
        append(500, 50);
        List<Long> delivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {   // some fresh, some backlog
            List<LogEntry> entries = cursor.poll(30, Duration.ZERO);
            delivered.addAll(seqs(entries));
            cursor.ack(new Batch(entries));
        }
        List<LogEntry> unacknowledged = cursor.poll(30, Duration.ZERO);
        cursor.close();   // persists what was acknowledged; the last batch was not

        LiveFirstCursor resumed = new LiveFirstCursor(log, "out", 10);
        append(550, 20);
        drain(resumed, delivered);

        assertThat(new TreeSet<>(delivered)).containsExactlyElementsOf(LongStream.range(0, 570).boxed().toList());
        assertThat(delivered).as("nothing delivered twice but the unacknowledged batch")
                .hasSize(570);
        assertThat(delivered).containsAll(seqs(unacknowledged));
        assertThat(resumed.committedSeq()).isEqualTo(570);
        resumed.close();
    }

    @Test
    void withoutABacklogItIsPlainOldestFirst() throws Exception {
        append(0, 5);
        LiveFirstCursor cursor = new LiveFirstCursor(log, "out", 10);
        cursor.opened();

        assertThat(log.hasCursor("out~live")).isFalse();
        assertThat(drain(cursor, new ArrayList<>())).containsExactly(0L, 1L, 2L, 3L, 4L);
        cursor.close();
    }
}
