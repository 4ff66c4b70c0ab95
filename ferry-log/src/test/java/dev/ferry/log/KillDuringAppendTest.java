package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durability contract against a real kill -9: every append whose future completed is there after restart. */
class KillDuringAppendTest {

    @Test
    void everyAcknowledgedAppendSurvivesKillMinus9(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingAppender.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastAcknowledged = -1;
        long cursorAcknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                lastAcknowledged = Long.parseLong(parts[0]);
                cursorAcknowledged = Long.parseLong(parts[1]);
                if (lastAcknowledged >= 200_000) {
                    break;
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAcknowledged).as("the child appended").isGreaterThanOrEqualTo(200_000);

        try (DurableLog log = DurableLog.open(dir, LogOptions.defaults(), "gw", CLOCK)) {
            assertThat(log.nextSeq()).isGreaterThan(lastAcknowledged);
            LogCursor cursor = log.cursor("sink");
            assertThat(cursor.committedSeq()).isLessThanOrEqualTo(cursorAcknowledged);
            LogCursor all = log.cursor("audit");
            long expected = 0;
            List<LogEntry> batch;
            while (expected <= lastAcknowledged && !(batch = all.poll(5000, Duration.ZERO)).isEmpty()) {
                for (LogEntry e : batch) {
                    StoredReading r = (StoredReading) e;
                    assertThat(r.id().seq()).isEqualTo(expected);
                    assertThat(r.reading()).isEqualTo(TestReadings.boiler(expected));
                    expected++;
                }
            }
            assertThat(expected).isGreaterThan(lastAcknowledged);
        }
    }

    /** Appends as fast as it can and prints the last seq of each completed append, and the sink's acknowledged seq. */
    public static final class CrashingAppender {
        public static void main(String[] args) throws Exception {
            DurableLog log = DurableLog.open(Path.of(args[0]), LogOptions.defaults(), "gw", CLOCK);
            LogCursor cursor = log.cursor("sink");
            for (long seq = 0; ; seq += 500) {
                SeqRange range = log.append(TestReadings.boilers(seq, 500)).get();
                List<LogEntry> polled = cursor.poll(400, Duration.ZERO);
                if (!polled.isEmpty()) {
                    cursor.ack(polled.getLast().lastSeq());
                }
                System.out.println(range.last() + " " + cursor.committedSeq());
                System.out.flush();
            }
        }
    }
}
