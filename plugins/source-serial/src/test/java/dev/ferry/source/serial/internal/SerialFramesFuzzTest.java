package dev.ferry.source.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferry.api.Emitter;
import dev.ferry.api.Reading;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.source.serial.SerialConfig;
import dev.ferry.source.serial.SerialSourceProvider;
import dev.ferry.testkit.StdoutStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for what a serial device sends: a byte stream cut into frames and decoded by the source's framer and
 * decoder, for each frame format: key-value, CSV and regex lines, binary frames of fixed length with a CRC-16 and
 * binary frames with a length byte and an XOR. Whatever the bytes, the stream comes out as readings and malformed
 * reports with a message, as the source hands them to the runtime; any exception, or an input that takes longer than
 * the timeout, is a finding. The stream is read twice, in the reads of a busy port and in small reads of a slow one,
 * and must give the same readings and as many malformed reports: where the port happens to split the bytes makes no
 * difference.
 *
 * <p>A normal build runs each target over the inputs in {@code src/test/resources/dev/ferry/source/serial/internal/
 * SerialFramesFuzzTestInputs/<method>/} (seeds and every crash found so far); {@code bin/fuzz} fuzzes them for real
 * and writes a crashing input there. The configs are those of the golden cases, loaded with the real config loader;
 * the seeds are what their devices send, good frames and bad.
 */
class SerialFramesFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    /** As a read session reads. */
    private static final int READ_SIZE = 4096;

    private static final Decoding KEY_VALUE = decoding("kv-separators-and-types");
    private static final Decoding CSV = decoding("csv-columns");
    private static final Decoding REGEX = decoding("regex-named-groups");
    private static final Decoding BINARY_FIXED_LENGTH = decoding("binary-crc16-fixed-length");
    private static final Decoding BINARY_LENGTH_BYTE = decoding("binary-xor-length-byte");

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void keyValue(byte[] stream) throws InterruptedException {
        assertChunkingMakesNoDifference(KEY_VALUE, stream);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void csv(byte[] stream) throws InterruptedException {
        assertChunkingMakesNoDifference(CSV, stream);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void regex(byte[] stream) throws InterruptedException {
        assertChunkingMakesNoDifference(REGEX, stream);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void binaryFixedLength(byte[] stream) throws InterruptedException {
        assertChunkingMakesNoDifference(BINARY_FIXED_LENGTH, stream);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void binaryLengthByte(byte[] stream) throws InterruptedException {
        assertChunkingMakesNoDifference(BINARY_LENGTH_BYTE, stream);
    }

    /** The seeds are what they claim: streams from which each format decodes readings. */
    @Test
    void theSeedsHoldReadings() throws Exception {
        assertThat(read(KEY_VALUE, seed("keyValue/separators-and-types.txt"), READ_SIZE).readings).hasSize(11);
        assertThat(read(KEY_VALUE, seed("keyValue/crlf.txt"), READ_SIZE).readings).hasSize(8);
        assertThat(read(CSV, seed("csv/columns.csv"), READ_SIZE).readings).hasSize(8);
        assertThat(read(CSV, seed("csv/one-line.csv"), READ_SIZE).readings).hasSize(3);
        assertThat(read(REGEX, seed("regex/named-groups.txt"), READ_SIZE).readings).hasSize(8);
        assertThat(read(BINARY_FIXED_LENGTH, seed("binaryFixedLength/crc16-frames.bin"), READ_SIZE).readings).hasSize(12);
        assertThat(read(BINARY_LENGTH_BYTE, seed("binaryLengthByte/xor-frames.bin"), READ_SIZE).readings).hasSize(6);
    }

    private static void assertChunkingMakesNoDifference(Decoding decoding, byte[] stream) throws InterruptedException {
        Recorded busy = read(decoding, stream, READ_SIZE);
        Recorded slow = read(decoding, stream, 3);
        assertThat(slow.readings).as("readings in reads of 3 bytes").isEqualTo(busy.readings);
        assertThat(slow.malformed).as("malformed reports in reads of 3 bytes, against %s", busy.malformed)
                .hasSameSizeAs(busy.malformed);
        assertThat(busy.malformed).allSatisfy(what -> assertThat(what).isNotBlank());
    }

    /** The stream read as a read session reads it, {@code readSize} bytes at a time at most. */
    private static Recorded read(Decoding decoding, byte[] stream, int readSize) throws InterruptedException {
        Recorded recorded = new Recorded();
        FrameHandler handler = new FrameHandler(decoding.decoder(), CLOCK, recorded);
        Framer framer = decoding.framer(handler, READ_SIZE);
        for (int from = 0; from < stream.length; from += readSize) {
            byte[] chunk = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + readSize));
            framer.accept(chunk, chunk.length);
            handler.flush();
        }
        return recorded;
    }

    /** The golden case's config, loaded as the agent would load it. */
    private static Decoding decoding(String goldenCase) {
        String name = "/golden/" + goldenCase + "/config.yaml";
        try (InputStream in = SerialFramesFuzzTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            String section = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String text = "agent:\n  id: gw-test\n  data_dir: ./data\nsources:\n  device:\n"
                    + section.stripTrailing().lines().map(line -> "    " + line + "\n").reduce("", String::concat)
                    + "sinks:\n  console:\n    type: stdout\n";
            PluginRegistry registry = PluginRegistry.of(List.of(new SerialSourceProvider()), List.of(new StdoutStandIn()));
            SerialConfig config = (SerialConfig) ConfigLoader.load(text, "config.yaml", ConfigFormat.YAML, Path.of("."),
                    Map.of("PORT", "/dev/ttyUSB0"), registry).sources().getFirst().config();
            return new Decoding("device", config);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = SerialFramesFuzzTest.class.getResourceAsStream("SerialFramesFuzzTestInputs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** What the source hands the runtime. */
    private static final class Recorded implements Emitter {

        final List<Reading> readings = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();

        @Override
        public CompletionStage<Void> emit(List<Reading> batch) {
            readings.addAll(batch);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void malformed(String what) {
            malformed.add(what);
        }
    }
}
