package dev.ferry.bench;

import dev.ferry.api.Reading;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogCursor;
import dev.ferry.log.LogOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Bytes written to disk per reading and per payload byte when the same readings are stored durably in
 * Ferry's log and in SQLite, with the same batching as {@link AppendBenchmark}.
 *
 * <p>Primary measure: the {@code /proc/self/io} delta around each store's run (see {@link DiskWrites}).
 * Fallback, for file systems that account no writes to processes: file sizes. For Ferry, the size of the
 * log directory after closing (every record is appended once). For SQLite, every byte appended to the
 * write-ahead log plus the final database file; this tool runs SQLite's checkpoint itself at SQLite's own
 * threshold (1,000 WAL pages), truncating the WAL so no byte of it goes uncounted.
 *
 * <p>Usage: {@code WriteAmplification [--readings N] [--results FILE]}; data goes below {@code -Dferry.bench.dir}.
 */
public final class WriteAmplification {

    private static final int DEFAULT_READINGS = 1_000_000;
    private static final int SQLITE_ROWS_PER_TRANSACTION = 100;
    private static final int SQLITE_CHECKPOINT_PAGES = 1_000;
    private static final int WAL_HEADER_BYTES = 32;
    private static final int WAL_FRAME_HEADER_BYTES = 24;

    private final List<List<Reading>> batches = SampleReadings.batches(100, BatchRing.BATCH_SIZE);
    private final long[] batchPayloadBytes = batches.stream().mapToLong(Payloads::totalBytes).toArray();
    private final int batchCount;

    private WriteAmplification(int readings) {
        this.batchCount = readings / BatchRing.BATCH_SIZE;
    }

    public static void main(String[] args) throws Exception {
        int readings = DEFAULT_READINGS;
        Path results = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--readings" -> readings = parseReadings(valueAfter(args, i++));
                    case "--results" -> results = Path.of(valueAfter(args, i++));
                    default -> throw new IllegalArgumentException("unknown argument \"" + args[i] + "\"");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("WriteAmplification: " + e.getMessage() + "; usage: [--readings N] [--results FILE]");
            System.exit(2);
        }
        WriteAmplification run = new WriteAmplification(readings);
        List<WriteMeasurement> measurements;
        try {
            SqliteWarmUp.loadNativeLibrary();
            measurements = List.of(run.ferry(), run.sqlite());
        } catch (BenchDirectory.NotOnDiskException e) {
            System.err.println("WriteAmplification: " + e.getMessage());
            System.exit(2);
            return;
        }
        print(measurements);
        if (results != null) {
            Files.writeString(results, measurements.stream().map(WriteMeasurement::asProperties).collect(Collectors.joining()));
        }
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int parseReadings(String text) {
        int step = AppendBenchmark.READINGS_PER_INVOCATION;
        try {
            int readings = Integer.parseInt(text.replace("_", ""));
            if (readings >= step && readings % step == 0) {
                return readings;
            }
        } catch (NumberFormatException e) {
            // reported below, with what is accepted
        }
        throw new IllegalArgumentException("--readings must be a positive multiple of " + step + ", was \"" + text + "\"");
    }

    private WriteMeasurement ferry() throws Exception {
        Path dir = BenchDirectory.fresh("ferry-writes");
        try {
            Optional<DiskWrites> before = DiskWrites.now();
            long started = System.nanoTime();
            long payload = 0;
            // A sink's cursor, as in any deployment: the log keeps everything until it is acknowledged.
            try (DurableLog log = DurableLog.open(dir, LogOptions.defaults(), AppendBenchmark.AGENT_ID, Clock.systemUTC());
                    LogCursor _ = log.cursor(ReadAckBenchmark.SINK)) {
                for (int b = 0; b < batchCount; b += AppendBenchmark.BATCHES_PER_INVOCATION) {
                    CompletableFuture<?>[] commits = new CompletableFuture<?>[AppendBenchmark.BATCHES_PER_INVOCATION];
                    for (int i = 0; i < commits.length; i++) {
                        commits[i] = log.append(batch(b + i));
                        payload += batchPayloadBytes[(b + i) % batches.size()];
                    }
                    CompletableFuture.allOf(commits).get(1, TimeUnit.MINUTES);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new WriteMeasurement("ferry", (long) batchCount * BatchRing.BATCH_SIZE, payload,
                    writtenSince(before), DiskWrites.directoryBytes(dir), elapsed);
        } finally {
            BenchDirectory.delete(dir);
        }
    }

    private WriteMeasurement sqlite() throws IOException, SQLException {
        Path dir = BenchDirectory.fresh("sqlite-writes");
        try {
            Optional<DiskWrites> before = DiskWrites.now();
            long started = System.nanoTime();
            long payload = 0;
            long walBytes = 0;
            long databaseBytes;
            try (SqliteReference database = SqliteReference.open(dir, SQLITE_ROWS_PER_TRANSACTION, "wal_autocheckpoint=0")) {
                long frameBytes = database.pageSize() + WAL_FRAME_HEADER_BYTES;
                long checkpointAt = WAL_HEADER_BYTES + SQLITE_CHECKPOINT_PAGES * frameBytes;
                for (int b = 0; b < batchCount; b++) {
                    List<Reading> batch = batch(b);
                    for (int from = 0; from < batch.size(); from += SQLITE_ROWS_PER_TRANSACTION) {
                        int to = Math.min(batch.size(), from + SQLITE_ROWS_PER_TRANSACTION);
                        database.append(batch.subList(from, to));
                        long wal = database.walFileBytes();
                        if (wal >= checkpointAt) {
                            walBytes += wal;
                            database.checkpoint();
                        }
                    }
                    payload += batchPayloadBytes[b % batches.size()];
                }
                walBytes += database.walFileBytes();
                database.checkpoint();
                databaseBytes = database.databaseFileBytes();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new WriteMeasurement("sqlite", (long) batchCount * BatchRing.BATCH_SIZE, payload,
                    writtenSince(before), walBytes + databaseBytes, elapsed);
        } finally {
            BenchDirectory.delete(dir);
        }
    }

    private List<Reading> batch(int index) {
        return batches.get(index % batches.size());
    }

    private static OptionalLong writtenSince(Optional<DiskWrites> before) {
        Optional<DiskWrites> after = DiskWrites.now();
        return before.isPresent() && after.isPresent()
                ? OptionalLong.of(after.get().since(before.get()))
                : OptionalLong.empty();
    }

    private static void print(List<WriteMeasurement> measurements) {
        WriteMeasurement first = measurements.getFirst();
        System.out.printf(Locale.ROOT, "Write amplification: %,d readings, %,d payload bytes (%.1f per reading)%n",
                first.readings(), first.payloadBytes(), (double) first.payloadBytes() / first.readings());
        System.out.printf(Locale.ROOT, "%-7s %16s %16s %10s %12s %14s %12s%n",
                "store", "proc-io bytes", "file bytes", "measure", "B/reading", "B/payload B", "readings/s");
        for (WriteMeasurement m : measurements) {
            String counted = m.processWrittenBytes().isPresent()
                    ? String.format(Locale.ROOT, "%,d", m.processWrittenBytes().getAsLong())
                    : "n/a";
            System.out.printf(Locale.ROOT, "%-7s %16s %,16d %10s %12.1f %14.3f %,12.0f%n", m.store(), counted,
                    m.fileBytes(), m.method(), m.bytesPerReading(), m.bytesPerPayloadByte(), m.readingsPerSecond());
        }
        System.out.println("(readings/s here is one run on a cold JVM; AppendBenchmark is the throughput measurement)");
    }
}
