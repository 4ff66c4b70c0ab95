package dev.ferry.bench;

import dev.ferry.api.LogEntry;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogCursor;
import dev.ferry.log.LogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a sink does: read stored readings in order, in batches of 1,000, and acknowledge them. Each
 * invocation reads 10 batches, acknowledges each, then persists the cursor once; the score is per reading.
 * The backlog is topped up outside the measured time whenever fewer than one invocation's worth remain.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ReadAckBenchmark {

    static final int BATCHES_PER_INVOCATION = AppendBenchmark.BATCHES_PER_INVOCATION;
    static final int READINGS_PER_INVOCATION = AppendBenchmark.READINGS_PER_INVOCATION;
    static final String SINK = "bench-sink";
    /** Batches added whenever the backlog runs low: 100,000 readings. */
    static final int TOP_UP_BATCHES = 100;
    private static final Duration POLL_WAIT = Duration.ofSeconds(5);

    @Benchmark
    @OperationsPerInvocation(READINGS_PER_INVOCATION)
    public void ferry(FerryBacklog backlog, Blackhole consumer) throws IOException, InterruptedException {
        long read = 0;
        while (read < READINGS_PER_INVOCATION) {
            List<LogEntry> entries = backlog.cursor.poll(BatchRing.BATCH_SIZE, POLL_WAIT);
            if (entries.isEmpty()) {
                throw new IllegalStateException("ferry read+ack: cursor '" + SINK + "' returned nothing after "
                        + backlog.consumed + " readings although " + backlog.appended + " were appended");
            }
            consumer.consume(entries);
            long last = entries.getLast().lastSeq();
            backlog.cursor.ack(last);
            read += last - entries.getFirst().firstSeq() + 1;
        }
        backlog.cursor.flush();
        backlog.consumed += read;
    }

    @Benchmark
    @OperationsPerInvocation(READINGS_PER_INVOCATION)
    public void sqlite(SqliteBacklog backlog, Blackhole consumer) throws SQLException {
        long after = backlog.acknowledged;
        for (int i = 0; i < BATCHES_PER_INVOCATION; i++) {
            List<SqliteReference.SqliteRow> rows = backlog.database.readAfter(after, BatchRing.BATCH_SIZE);
            if (rows.isEmpty()) {
                throw new IllegalStateException("sqlite read+ack: no rows after seq " + after
                        + " although " + backlog.appended + " were appended");
            }
            consumer.consume(rows);
            after = rows.getLast().seq();
        }
        backlog.database.acknowledge(SINK, after);
        backlog.acknowledged = after;
    }

    /** A Ferry log with one sink's cursor, both fresh for each iteration. */
    @State(Scope.Thread)
    public static class FerryBacklog {
        final BatchRing batches = new BatchRing();
        Path dir;
        DurableLog log;
        LogCursor cursor;
        long appended;
        long consumed;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = BenchDirectory.fresh("ferry-read");
            log = DurableLog.open(dir, LogOptions.defaults(), AppendBenchmark.AGENT_ID, Clock.systemUTC());
            // The cursor exists before the first append, so it starts at the very first reading.
            cursor = log.cursor(SINK);
            appended = 0;
            consumed = 0;
        }

        @Setup(Level.Invocation)
        public void topUp() throws Exception {
            if (appended - consumed >= READINGS_PER_INVOCATION) {
                return;
            }
            // In waves, as AppendBenchmark appends: ten batches in flight, then wait for their commit.
            for (int wave = 0; wave < TOP_UP_BATCHES / BATCHES_PER_INVOCATION; wave++) {
                CompletableFuture<?>[] commits = new CompletableFuture<?>[BATCHES_PER_INVOCATION];
                for (int i = 0; i < commits.length; i++) {
                    commits[i] = log.append(batches.next());
                }
                CompletableFuture.allOf(commits).get(1, TimeUnit.MINUTES);
            }
            appended += (long) TOP_UP_BATCHES * BatchRing.BATCH_SIZE;
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            cursor.close();
            log.close();
            BenchDirectory.delete(dir);
        }
    }

    /** A SQLite database with one sink's cursor row, fresh for each iteration. */
    @State(Scope.Thread)
    public static class SqliteBacklog {
        /** One transaction per batch: filling the backlog is not what is measured here. */
        private static final int FILL_ROWS_PER_TRANSACTION = BatchRing.BATCH_SIZE;

        final BatchRing batches = new BatchRing();
        Path dir;
        SqliteReference database;
        long appended;
        long acknowledged;

        @Setup(Level.Iteration)
        public void open() throws IOException, SQLException {
            dir = BenchDirectory.fresh("sqlite-read");
            database = SqliteReference.open(dir, FILL_ROWS_PER_TRANSACTION);
            appended = 0;
            acknowledged = 0;
        }

        @Setup(Level.Invocation)
        public void topUp() throws SQLException {
            // SQLite numbers rows from 1, so after acknowledging seq n, n readings are gone.
            if (appended - acknowledged >= READINGS_PER_INVOCATION) {
                return;
            }
            for (int i = 0; i < TOP_UP_BATCHES; i++) {
                database.append(batches.next());
            }
            appended += (long) TOP_UP_BATCHES * BatchRing.BATCH_SIZE;
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException, SQLException {
            database.close();
            BenchDirectory.delete(dir);
        }
    }
}
