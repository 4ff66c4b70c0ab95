package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static dev.ferry.log.LogFixtures.appendNow;
import static dev.ferry.log.LogFixtures.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadingCodecTest {

    static Stream<Reading> readings() {
        Instant t = TestReadings.T0;
        return Stream.of(
                TestReadings.boiler(7),
                new Reading("plc", "count", new Value.Int(-1), "", t, Map.of()),
                new Reading("plc", "count", new Value.Int(Long.MIN_VALUE), "1", t, Map.of()),
                new Reading("plc", "count", new Value.Int(Long.MAX_VALUE), "1", t, Map.of()),
                new Reading("door", "open", new Value.Bool(true), "", t, Map.of("room", "3")),
                new Reading("door", "open", new Value.Bool(false), "", t, Map.of()),
                new Reading("scale", "label", new Value.Text("Größe 10 µm ✓"), "", t, Map.of("ünït", "°C")),
                new Reading("raw", "frame", new Value.Bytes(new byte[] {0, 1, (byte) 0xFF}), "", t, Map.of()),
                new Reading("raw", "frame", new Value.Bytes(new byte[0]), "", t, Map.of()),
                new Reading("s", "m", new Value.Num(Double.NaN), "", Instant.EPOCH, Map.of()),
                new Reading("s", "m", new Value.Num(-0.0), "", Instant.parse("1500-01-01T00:00:00.000000001Z"), Map.of()),
                new Reading("s", "m", new Value.Num(1e300), "", Instant.MAX, Map.of()),
                new Reading("s", "m", new Value.Num(1), "", Instant.MIN, Map.of("a", "", "b", "x".repeat(300))));
    }

    @ParameterizedTest
    @MethodSource("readings")
    void everyValueKindTimeAndTagSurvivesARoundTrip(Reading reading) {
        byte[] encoded = ReadingCodec.encode(reading);
        assertThat(ReadingCodec.decode(encoded)).isEqualTo(reading);
        ByteBuffer shifted = ByteBuffer.allocate(encoded.length + 10);
        shifted.position(5);
        assertThat(ReadingCodec.encode(reading, shifted)).isEqualTo(encoded.length);
        assertThat(ReadingCodec.decode(shifted, 5, encoded.length)).isEqualTo(reading);
    }

    @Test
    void truncatedOrPaddedBytesAreRejectedNotMisread() {
        byte[] encoded = ReadingCodec.encode(TestReadings.boiler(1));
        for (int n = 0; n < encoded.length; n++) {
            byte[] cut = Arrays.copyOf(encoded, n);
            assertThatThrownBy(() -> ReadingCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] padded = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> ReadingCodec.decode(padded)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRealisticReadingIsCompact() {
        // source, metric, unit, an 8-byte double, an 8-byte timestamp and two short tags.
        assertThat(ReadingCodec.encode(TestReadings.boiler(1)).length).isLessThanOrEqualTo(60);
    }

    @Test
    void theLogWritesAtMost1point3BytesPerPayloadByteForRealisticReadings(@TempDir Path dir) throws Exception {
        int count = 10_000;
        long payload = 0;
        for (int i = 0; i < count; i++) {
            payload += ReadingCodec.encode(TestReadings.boiler(i)).length;
        }
        try (DurableLog log = DurableLog.open(dir, LogOptions.defaults(), "gw", CLOCK)) {
            for (int i = 0; i < count; i += 1000) {
                appendNow(log, TestReadings.boilers(i, 1000));
            }
        }
        long onDisk = 0;
        for (Path segment : segmentFiles(dir)) {
            onDisk += Files.size(segment);
        }
        assertThat((double) onDisk / payload).isLessThanOrEqualTo(1.3);
    }
}
