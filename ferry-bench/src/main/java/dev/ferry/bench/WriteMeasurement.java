package dev.ferry.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What one store wrote to disk for a fixed workload.
 *
 * @param store the store's name, {@code ferry} or {@code sqlite}
 * @param readings readings stored
 * @param payloadBytes their encoded size, the same for both stores
 * @param processWrittenBytes bytes written according to {@code /proc/self/io}; empty where the kernel offers
 *     no counters, and {@code 0} on file systems that do not account writes to processes
 * @param fileBytes bytes written according to file sizes (see {@link WriteAmplification} for how per store)
 * @param elapsed how long the workload took
 */
record WriteMeasurement(
        String store, long readings, long payloadBytes, OptionalLong processWrittenBytes, long fileBytes, Duration elapsed) {

    /** The best figure available: the kernel's count when it saw any writes, else the file sizes. */
    long writtenBytes() {
        long counted = processWrittenBytes.orElse(0);
        return counted > 0 ? counted : fileBytes;
    }

    String method() {
        return processWrittenBytes.orElse(0) > 0 ? "proc-io" : "file-sizes";
    }

    double bytesPerReading() {
        return (double) writtenBytes() / readings;
    }

    double bytesPerPayloadByte() {
        return (double) writtenBytes() / payloadBytes;
    }

    double readingsPerSecond() {
        return readings / (elapsed.toNanos() / 1e9);
    }

    /** {@code key=value} lines, one per figure, prefixed with the store's name, for scripts to read. */
    String asProperties() {
        return String.format(Locale.ROOT, """
                %1$s.readings=%2$d
                %1$s.payloadBytes=%3$d
                %1$s.procWrittenBytes=%4$s
                %1$s.fileBytes=%5$d
                %1$s.method=%6$s
                %1$s.bytesPerReading=%7$.2f
                %1$s.bytesPerPayloadByte=%8$.3f
                %1$s.readingsPerSecond=%9$.0f
                """, store, readings, payloadBytes,
                processWrittenBytes.isPresent() ? Long.toString(processWrittenBytes.getAsLong()) : "unavailable",
                fileBytes, method(), bytesPerReading(), bytesPerPayloadByte(), readingsPerSecond());
    }
}
