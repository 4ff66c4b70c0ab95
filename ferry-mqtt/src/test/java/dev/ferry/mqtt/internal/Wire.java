package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;

/** Test helpers: whole packets to bytes and back. */
final class Wire {

    private Wire() {}

    static byte[] encode(Packet packet, MqttVersion version) {
        WireWriter w = new WireWriter(16);
        PacketEncoder.encode(packet, version, w);
        return w.toByteArray();
    }

    static Packet decode(byte[] packet, MqttVersion version) throws IOException {
        return decode(packet, version, MqttConnectOptions.LARGEST_PACKET);
    }

    static Packet decode(byte[] packet, MqttVersion version, int maximumPacketSize) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(packet);
        Packet decoded = new PacketReader(in, maximumPacketSize).read(version);
        if (in.available() != 0) {
            throw new AssertionError(in.available() + " bytes left after the packet");
        }
        return decoded;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** A packet from its first byte and body: the remaining length is filled in. */
    static byte[] packet(int firstByte, byte[] body) {
        WireWriter w = new WireWriter(16);
        w.u8(firstByte);
        w.varInt(body.length);
        w.bytes(body);
        return w.toByteArray();
    }
}
