package dev.ferry.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.LogEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A poll waiting for readings ends when its cursor is woken, with nothing, and the cursor reads on as before. */
class CursorWakeUpTest {

    @Test
    void aWokenPollEndsEmptyAndTheCursorReadsOnAfterwards(@TempDir Path dir) throws Exception {
        try (DurableLog log = DurableLog.open(dir, LogFixtures.small(), "gw", LogFixtures.CLOCK);
                LogCursor cursor = log.cursor("sink")) {
            CompletableFuture<List<LogEntry>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return cursor.poll(100, Duration.ofMinutes(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the poll is in its wait once the log's commit lock has a waiter; wake until it ends
            for (int tries = 0; tries < 2_000 && !waiting.isDone(); tries++) {
                cursor.wakeUp();
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertThat(waiting).as("the ten-minute poll ended once woken").isDone();

            assertThat(waiting.get(1, TimeUnit.MINUTES)).as("a woken poll returns what it has: nothing").isEmpty();
            LogFixtures.appendNow(log, TestReadings.numbered(0, 3));
            assertThat(LogFixtures.seqs(LogFixtures.pollAll(cursor, 3))).containsExactly(0L, 1L, 2L);
        }
    }
}
