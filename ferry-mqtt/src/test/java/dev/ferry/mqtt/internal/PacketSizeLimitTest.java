package dev.ferry.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttReasonCodes;
import dev.ferry.mqtt.MqttVersion;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The maximum packet size is enforced from the fixed header alone, before anything is allocated or read for the body. */
class PacketSizeLimitTest {

    @Test
    void aPacketAnnouncingMoreThanTheMaximumIsRefusedBeforeItsBodyIsRead() {
        // PUBLISH announcing 268,435,455 bytes; the stream fails the test if anything past the header is read
        InputStream headerOnly = new HeaderThenTrap(Wire.hex("30 ff ff ff 7f"));

        assertThatThrownBy(() -> new PacketReader(headerOnly, 1 << 20).read(MqttVersion.V5))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(MqttReasonCodes.PACKET_TOO_LARGE))
                .hasMessageContaining("268435460 bytes exceeds the maximum packet size of 1048576 bytes");
    }

    @Test
    void aPacketOfExactlyTheMaximumIsAcceptedAndOneByteMoreIsNot() throws Exception {
        byte[] packet = Wire.encode(new Packet.Publish(MqttPublish.of("t", new byte[200], 0), 0, false), MqttVersion.V3_1_1);

        assertThat(Wire.decode(packet, MqttVersion.V3_1_1, packet.length)).isInstanceOf(Packet.Publish.class);
        assertThatThrownBy(() -> Wire.decode(packet, MqttVersion.V3_1_1, packet.length - 1))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reasonCode()).isEqualTo(0x95));
    }

    @Test
    void aLargePacketWithinTheMaximumIsReadWhole() throws Exception {
        byte[] payload = new byte[3 << 20];
        payload[payload.length - 1] = 42;
        byte[] packet = Wire.encode(new Packet.Publish(MqttPublish.of("big", payload, 1), 9, false), MqttVersion.V5);

        Packet.Publish decoded = (Packet.Publish) Wire.decode(packet, MqttVersion.V5, 4 << 20);

        assertThat(decoded.message().payload()).isEqualTo(payload);
    }

    @Test
    void aStreamEndingInsideAPacketIsAnEofNotAHang() {
        byte[] packet = Wire.encode(new Packet.Publish(MqttPublish.of("t", new byte[100], 0), 0, false), MqttVersion.V5);
        byte[] cut = java.util.Arrays.copyOf(packet, 20);

        assertThatThrownBy(() -> Wire.decode(cut, MqttVersion.V5)).isInstanceOf(EOFException.class)
                .hasMessageContaining("after 18 of 104 bytes");
        assertThatThrownBy(() -> Wire.decode(Wire.hex("30 ff"), MqttVersion.V5)).isInstanceOf(EOFException.class);
    }

    @Test
    void anEmptyStreamIsTheCleanEnd() throws Exception {
        assertThat(new PacketReader(new ByteArrayInputStream(new byte[0]), 1024).read(MqttVersion.V5)).isNull();
    }

    /** Serves a header, then fails the test on any further read. */
    private static final class HeaderThenTrap extends InputStream {
        private final byte[] header;
        private int pos;

        HeaderThenTrap(byte[] header) {
            this.header = header;
        }

        @Override
        public int read() throws IOException {
            if (pos < header.length) {
                return header[pos++] & 0xFF;
            }
            throw new AssertionError("read past the fixed header");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            throw new AssertionError("read a body of " + len + " bytes");
        }
    }
}
