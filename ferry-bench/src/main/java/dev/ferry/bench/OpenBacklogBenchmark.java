package dev.ferry.bench;

import dev.ferry.log.DurableLog;
import dev.ferry.log.LogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up on a large backlog: opening (and closing) a log that holds 1,000,000 unsent readings, as after a long
 * outage. The log reads only its last segment at open, so this should stay far below a second.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class OpenBacklogBenchmark {

    static final int BACKLOG = 1_000_000;

    @State(Scope.Benchmark)
    public static class Backlog {
        Path dir;

        @Setup(Level.Trial)
        public void fill() throws IOException, InterruptedException {
            dir = BenchDirectory.fresh("open-backlog");
            List<List<dev.ferry.api.Reading>> batches = SampleReadings.batches(BACKLOG / BatchRing.BATCH_SIZE, BatchRing.BATCH_SIZE);
            try (DurableLog log = DurableLog.open(dir, LogOptions.defaults(), "bench-gw", Clock.systemUTC())) {
                log.cursor("mqtt").close();   // a sink that has sent nothing: the whole backlog is held for it
                List<CompletableFuture<?>> pending = new ArrayList<>();
                for (List<dev.ferry.api.Reading> batch : batches) {
                    pending.add(log.append(batch));
                }
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            BenchDirectory.delete(dir);
        }
    }

    @Benchmark
    public long openAndClose(Backlog backlog) throws IOException {
        try (DurableLog log = DurableLog.open(backlog.dir, LogOptions.defaults(), "bench-gw", Clock.systemUTC())) {
            return log.nextSeq();
        }
    }
}
