package dev.ferry.bench;

import dev.ferry.api.LogEntry;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.format.PackWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a batching sink spends per reading on encoding alone: 1,000 stored readings written into 64 KiB messages, as
 * the MQTT sink's batch mode does. Separates the encoder's cost from the log's and the network's in the
 * whole-process drain of {@code bin/bench-mqtt}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class PackEncodeBenchmark {

    static final int READINGS = 1_000;
    static final long MESSAGE_BYTES = 64 * 1024;

    @Param({"JSON_ARRAY", "SENML_CBOR"})
    public PackWriter.Format format;

    private List<LogEntry> entries;
    private PackWriter writer;

    @Setup
    public void setUp() {
        entries = new ArrayList<>(READINGS);
        for (int i = 0; i < READINGS; i++) {
            entries.add(new StoredReading(new ReadingId("gw-01", "k3x9q2", 1_000_000L + i), SampleReadings.reading(i)));
        }
        writer = new PackWriter(format, MESSAGE_BYTES);
    }

    @Benchmark
    @OperationsPerInvocation(READINGS)
    public void encode(Blackhole messages) throws IOException {
        for (LogEntry entry : entries) {
            if (!writer.add(entry)) {
                messages.consume(writer.finish());
                writer.add(entry);
            }
        }
        messages.consume(writer.finish());
    }
}
