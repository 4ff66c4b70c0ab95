package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static dev.ferry.log.LogFixtures.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up must not depend on the backlog: only the last segment is read at open. */
class LargeBacklogTest {

    static final int READINGS = 1_000_000;

    @Test
    void openingAMillionReadingBacklogReadsOnlyTheLastSegment(@TempDir Path dir) throws Exception {
        LogOptions options = LogOptions.defaults().withSegmentSize(DataSize.ofMiB(8));
        List<Reading> batch = TestReadings.boilers(0, 1000);
        try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK)) {
            List<CompletableFuture<SeqRange>> inFlight = new ArrayList<>();
            for (int i = 0; i < READINGS / batch.size(); i++) {
                inFlight.add(log.append(batch));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();
            assertThat(log.nextSeq()).isEqualTo(READINGS);
        }
        List<Path> segments = segmentFiles(dir);
        assertThat(segments).hasSizeGreaterThan(5);
        long total = 0;
        for (Path s : segments) {
            total += Files.size(s);
        }
        try (DurableLog log = DurableLog.open(dir, options, "gw", CLOCK)) {
            LogStats stats = log.stats();
            assertThat(stats.recoveryScannedBytes()).isEqualTo(Files.size(segments.getLast()));
            assertThat(stats.recoveryScannedBytes()).isLessThanOrEqualTo(options.segmentSize().bytes() + 1024);
            assertThat(stats.recoveryScannedBytes()).isLessThan(total / 5);
            assertThat(stats.retainedReadings()).isEqualTo(READINGS);
            assertThat(log.nextSeq()).isEqualTo(READINGS);

            LogCursor cursor = log.cursor("s");
            List<LogEntry> first = cursor.poll(3, Duration.ofSeconds(1));
            assertThat(first).extracting(e -> ((StoredReading) e).reading()).containsExactlyElementsOf(batch.subList(0, 3));
        }
    }
}
