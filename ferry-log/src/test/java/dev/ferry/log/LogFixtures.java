package dev.ferry.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Gap;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/** Shared setup for log tests. */
final class LogFixtures {

    static final Clock CLOCK = Clock.systemUTC();

    private LogFixtures() {}

    /** Small segments, immediate commits: tests see rolls and finish fast. */
    static LogOptions small() {
        return LogOptions.defaults().withSegmentSize(DataSize.ofBytes(4096)).withCommitInterval(Duration.ZERO);
    }

    static SeqRange appendNow(DurableLog log, List<Reading> readings) {
        try {
            return log.append(readings).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("append failed", e.getCause());
        }
    }

    /** Polls until {@code count} entries arrived or nothing more comes. */
    static List<LogEntry> pollAll(LogCursor cursor, int count) throws IOException, InterruptedException {
        List<LogEntry> all = new ArrayList<>();
        while (all.size() < count) {
            List<LogEntry> batch = cursor.poll(Math.min(500, count - all.size()), Duration.ofMillis(200));
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
        }
        return all;
    }

    /** Polls everything committed right now. */
    static List<LogEntry> drain(LogCursor cursor) throws IOException, InterruptedException {
        List<LogEntry> all = new ArrayList<>();
        List<LogEntry> batch;
        while (!(batch = cursor.poll(1000, Duration.ZERO)).isEmpty()) {
            all.addAll(batch);
        }
        return all;
    }

    static List<Long> seqs(List<LogEntry> entries) {
        return entries.stream().filter(e -> e instanceof StoredReading).map(LogEntry::firstSeq).toList();
    }

    static List<Gap> gaps(List<LogEntry> entries) {
        return entries.stream().filter(e -> e instanceof Gap).map(e -> (Gap) e).toList();
    }

    /** Entries must cover consecutive seqs from {@code from}, with no overlap and no hole. */
    static void assertContiguous(List<LogEntry> entries, long from) {
        long next = from;
        for (LogEntry e : entries) {
            assertThat(e.firstSeq()).as("entry %s", e).isEqualTo(next);
            next = e.lastSeq() + 1;
        }
    }

    static List<Path> segmentFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> quarantined(Path dir) {
        Path q = dir.resolve("quarantine");
        if (!Files.isDirectory(q)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(q)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
