package dev.ferry.source.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.serial.PtyPair;
import dev.ferry.api.HealthState;
import dev.ferry.source.serial.internal.Checksums;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A device that sends numbered good frames with garbage between them, in pieces cut at random, to a source run by
 * the real scheduler: every good frame becomes readings, each piece of garbage counts once as malformed, and the
 * source keeps running.
 */
class GoodAndGarbageFramesTest {

    private static final int FRAMES = 200;

    enum Device {
        KEY_VALUE("""
                fields:
                  - {key: N, metric: frame, type: integer}
                  - {key: T, metric: temperature, unit: Cel}
                """, n -> ascii("N=" + n + ",T=21.5\r\n"),
                ascii("#$%&\n"), ascii("N=abc,T=1\n"), ascii("X".repeat(3000) + "\n"), new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'}),
        CSV("""
                format: csv
                fields:
                  - {column: 0, metric: frame, type: integer}
                  - {column: 1, metric: temperature, unit: Cel}
                """, n -> ascii(n + ",21.5\n"), ascii("lonely\n"), ascii("x,1\n")),
        REGEX("""
                format: regex
                pattern: '^<(?<n>\\d+)\\|(?<t>[-0-9.]+)>$'
                fields:
                  - {group: n, metric: frame, type: integer}
                  - {group: t, metric: temperature, unit: Cel}
                """, n -> ascii("<" + n + "|21.5>\n"), ascii("<oops>\n"), ascii("hello\n")),
        BINARY_CRC16("""
                format: binary
                frame: {start: "AA", length: 5, checksum: crc16-modbus}
                fields:
                  - {byte_offset: 0, type: uint32, metric: frame}
                  - {byte_offset: 4, type: int8, metric: temperature, unit: Cel}
                """, n -> crcFrame(n, false), new byte[] {1, 2, 3}, crcFrame(9999, true)),
        BINARY_XOR("""
                format: binary
                frame: {start: "AA 55", length_byte: true, checksum: xor, byte_order: little}
                fields:
                  - {byte_offset: 0, type: uint16, metric: frame}
                  - {byte_offset: 2, type: int16, metric: temperature, unit: Cel, scale: 0.1}
                """, n -> xorFrame(n, false), xorFrame(9999, true), new byte[] {0x55, 0x10});

        final String fields;
        final IntFunction<byte[]> good;
        final List<byte[]> garbage;

        Device(String fields, IntFunction<byte[]> good, byte[]... garbage) {
            this.fields = fields;
            this.good = good;
            this.garbage = List.of(garbage);
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Device.class)
    void goodFramesBecomeReadingsAndGarbageIsCounted(Device kind) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int garbage = 0;
        for (int n = 1; n <= FRAMES; n++) {
            stream.writeBytes(kind.good.apply(n));
            if (n % 7 == 0) {
                stream.writeBytes(kind.garbage.get(garbage++ % kind.garbage.size()));
            }
        }
        String section = "type: serial\nport: ${PORT}\n" + kind.fields;
        try (PtyPair device = PtyPair.start(dir);
                RunningSource source = RunningSource.start(SerialConfigs.load(section, device.device(), dir), dir)) {
            writeInRandomPieces(device, stream.toByteArray());
            await().atMost(Duration.ofSeconds(30)).until(() -> source.values("frame").contains((long) FRAMES));

            assertThat(source.values("frame")).containsExactlyElementsOf(LongStream.rangeClosed(1, FRAMES).boxed().toList());
            assertThat(source.readings()).filteredOn(r -> r.metric().equals("temperature")).hasSize(FRAMES);
            assertThat(source.stats().malformed()).isEqualTo(garbage);
            assertThat(source.health().state()).isEqualTo(HealthState.UP);
            assertThat(source.healthHistory()).extracting(h -> h.state()).doesNotContain(HealthState.QUARANTINED, HealthState.DEGRADED);
        }
    }

    private static void writeInRandomPieces(PtyPair device, byte[] bytes) {
        Random random = new Random(42);
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(64));
            device.write(Arrays.copyOfRange(bytes, at, at + n));
            at += n;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] crcFrame(int n, boolean broken) {
        ByteBuffer frame = ByteBuffer.allocate(8).put((byte) 0xAA).putInt(n).put((byte) 21);
        int crc = Checksums.crc16Modbus(frame.array(), 0, 6) ^ (broken ? 0x0101 : 0);
        return frame.put((byte) crc).put((byte) (crc >>> 8)).array();
    }

    private static byte[] xorFrame(int n, boolean broken) {
        ByteBuffer frame = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xAA).put((byte) 0x55).put((byte) 4).putShort((short) n).putShort((short) 215);
        return frame.put((byte) (Checksums.xor(frame.array(), 0, 7) ^ (broken ? 1 : 0))).array();
    }
}
