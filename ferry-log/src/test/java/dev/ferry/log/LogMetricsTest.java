package dev.ferry.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures the log gives for metrics: commit histograms, and how old each sink's oldest unsent reading is. */
class LogMetricsTest {

    @TempDir
    Path dir;

    @Test
    void oldestUnsentAgeFollowsEachCursorAndIsGoneWhenASinkHasEverything() throws Exception {
        MutableClock clock = new MutableClock(TestReadings.T0);
        try (DurableLog log = DurableLog.open(dir, LogFixtures.small(), "gw", clock)) {
            LogFixtures.appendNow(log, TestReadings.numbered(0, 10));
            clock.advance(Duration.ofMinutes(10));
            LogFixtures.appendNow(log, TestReadings.numbered(10, 10));
            LogCursor behind = log.cursor("behind");
            LogCursor caughtUp = log.cursor("caught-up");
            LogFixtures.pollAll(caughtUp, 10);
            caughtUp.ack(9);
            clock.advance(Duration.ofMinutes(5));

            LogStats stats = log.stats();
            assertThat(stats.cursors().get("behind").oldestUnsentAge()).isEqualTo(Duration.ofMinutes(15));
            assertThat(stats.cursors().get("caught-up").oldestUnsentAge()).isEqualTo(Duration.ofMinutes(5));
            LogFixtures.pollAll(caughtUp, 10);
            caughtUp.ack(19);
            assertThat(log.stats().cursors().get("caught-up").oldestUnsentAge()).isNull();
            assertThat(behind.committedSeq()).isZero();
        }
    }

    @Test
    void commitsAreCountedInTheirHistograms() throws Exception {
        try (DurableLog log = DurableLog.open(dir, LogFixtures.small(), "gw", LogFixtures.CLOCK)) {
            LogFixtures.appendNow(log, TestReadings.numbered(0, 3));
            LogFixtures.appendNow(log, TestReadings.numbered(3, 100));
            LogStats stats = log.stats();
            assertThat(stats.commitSeconds().count()).isEqualTo(stats.commits()).isPositive();
            assertThat(stats.commitReadings().sum()).isEqualTo(103);
            assertThat(stats.commitSeconds().sum()).isPositive();
        }
    }
}
