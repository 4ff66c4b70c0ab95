package dev.ferry.bench;

import dev.ferry.log.DurableLog;
import dev.ferry.log.LogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable append: readings/s stored so that they survive a power cut, Ferry's log against SQLite.
 * Each invocation stores 10 batches of 1,000 readings and returns only when all are on disk; the score is
 * per reading. Every iteration starts from an empty directory.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class AppendBenchmark {

    static final int BATCHES_PER_INVOCATION = 10;
    static final int READINGS_PER_INVOCATION = BATCHES_PER_INVOCATION * BatchRing.BATCH_SIZE;
    static final String AGENT_ID = "bench";

    /**
     * All ten batches go to the log before waiting, as ten sources appending at once would: the log's group
     * commit may then cover several of them with one fsync.
     */
    @Benchmark
    @OperationsPerInvocation(READINGS_PER_INVOCATION)
    public void ferry(FerryLog state) throws Exception {
        CompletableFuture<?>[] commits = new CompletableFuture<?>[BATCHES_PER_INVOCATION];
        for (int i = 0; i < BATCHES_PER_INVOCATION; i++) {
            commits[i] = state.log.append(state.batches.next());
        }
        CompletableFuture.allOf(commits).get(1, TimeUnit.MINUTES);
    }

    /** SQLite commits (and fsyncs) every {@code rowsPerTransaction} readings; 100 by default. */
    @Benchmark
    @OperationsPerInvocation(READINGS_PER_INVOCATION)
    public void sqlite(Sqlite state) throws SQLException {
        for (int i = 0; i < BATCHES_PER_INVOCATION; i++) {
            state.database.append(state.batches.next());
        }
    }

    /** An empty Ferry log with default options, fresh for each iteration. */
    @State(Scope.Thread)
    public static class FerryLog {
        final BatchRing batches = new BatchRing();
        Path dir;
        DurableLog log;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = BenchDirectory.fresh("ferry-append");
            log = DurableLog.open(dir, LogOptions.defaults(), AGENT_ID, Clock.systemUTC());
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            log.close();
            BenchDirectory.delete(dir);
        }
    }

    /** An empty SQLite database, fresh for each iteration. */
    @State(Scope.Thread)
    public static class Sqlite {
        /** Readings per committed transaction; {@code -p rowsPerTransaction=1000} shows SQLite with larger commits. */
        @Param("100")
        public int rowsPerTransaction;

        final BatchRing batches = new BatchRing();
        Path dir;
        SqliteReference database;

        @Setup(Level.Iteration)
        public void open() throws IOException, SQLException {
            dir = BenchDirectory.fresh("sqlite-append");
            database = SqliteReference.open(dir, rowsPerTransaction);
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException, SQLException {
            database.close();
            BenchDirectory.delete(dir);
        }
    }
}
