package dev.ferry.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttVersion;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for what a broker sends the client: the bytes of a connection, read packet after packet by the
 * {@link PacketReader} as the client's reader loop does, in MQTT 3.1.1 and in MQTT 5. Whatever the bytes, reading ends
 * in packets, in a clean end of the stream, in a {@link MalformedPacketException} with an error reason code and a
 * message, or in an {@link EOFException} with a message for a stream cut inside a packet. Any other exception, or an
 * input that takes longer than the timeout, is a finding. Every packet read is written again by the
 * {@link PacketEncoder} and read back as the same packet, so that what the decoder lets through is something the
 * codec can represent.
 *
 * <p>A normal build runs each target over the inputs in {@code src/test/resources/dev/ferry/mqtt/internal/
 * MqttPacketFuzzTestInputs/<method>/} (seeds and every crash found so far); {@code bin/fuzz} fuzzes them for real and
 * writes a crashing input there. The seeds are whole sessions as a broker sends them: CONNACK, SUBACK, PUBLISH at QoS
 * 0 and 1, PUBACK, UNSUBACK, PINGRESP and DISCONNECT, with MQTT 5 properties in {@code mqtt5/}.
 */
class MqttPacketFuzzTest {

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mqtt311(byte[] stream) throws IOException {
        readAll(stream, MqttVersion.V3_1_1);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mqtt5(byte[] stream) throws IOException {
        readAll(stream, MqttVersion.V5);
    }

    /** The seeds are what they claim: whole streams of packets the client reads without a fault. */
    @Test
    void theSeedsAreReadToTheirEnd() throws IOException {
        for (MqttVersion version : MqttVersion.values()) {
            String folder = version == MqttVersion.V5 ? "mqtt5" : "mqtt311";
            for (String seed : List.of("session.bin", "connack-refused.bin", "puback-rejected.bin", "publish-duplicate.bin")) {
                assertThat(readAll(seed(folder + "/" + seed), version)).as(folder + "/" + seed).isNotEmpty();
            }
        }
    }

    private static List<Packet> readAll(byte[] stream, MqttVersion version) throws IOException {
        // The largest packet MQTT allows, so that the reader's buffer growth is fuzzed along with the decoder.
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), MqttConnectOptions.LARGEST_PACKET);
        List<Packet> packets = new ArrayList<>();
        try {
            for (Packet packet = reader.read(version); packet != null; packet = reader.read(version)) {
                assertRoundTrip(packet, version);
                packets.add(packet);
            }
        } catch (MalformedPacketException e) {
            // Codes from 0x80 on are errors; the connection ends with it.
            assertThat(e.reasonCode()).as("reason code of " + e).isBetween(0x80, 0xFF);
            assertMessage(e);
        } catch (EOFException e) {
            assertMessage(e);
        }
        return packets;
    }

    private static void assertRoundTrip(Packet packet, MqttVersion version) throws IOException {
        byte[] written = Wire.encode(packet, version);
        Packet again = Wire.decode(written, version);
        assertThat(again).usingRecursiveComparison().isEqualTo(packet);
        assertThat(Wire.encode(again, version)).isEqualTo(written);
    }

    private static void assertMessage(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("refused without a message: " + e, e);
        }
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = MqttPacketFuzzTest.class.getResourceAsStream("MqttPacketFuzzTestInputs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
