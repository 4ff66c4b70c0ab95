package dev.ferry.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.MqttWill;
import dev.ferry.mqtt.Subscription;
import java.util.List;

/**
 * The MQTT control packets, as the codec sees them. Both directions are modelled so the codec can be tested by round
 * trips and a test broker can be written with it. With MQTT 3.1.1 the properties are {@link Properties#NONE} and the
 * reason codes of acknowledgements are 0x00.
 */
public sealed interface Packet {

    PacketType type();

    /** CONNECT; the will's properties come from {@link MqttWill}. */
    record Connect(MqttVersion version, String clientId, int keepAliveSeconds, boolean cleanStart,
            @Nullable String username, byte @Nullable [] password, @Nullable MqttWill will, Properties properties)
            implements Packet {
        public PacketType type() { return PacketType.CONNECT; }
    }

    /** CONNACK; {@code reasonCode} is the MQTT 3.1.1 return code or the MQTT 5 reason code. */
    record Connack(boolean sessionPresent, int reasonCode, Properties properties) implements Packet {
        public PacketType type() { return PacketType.CONNACK; }
    }

    /** PUBLISH; {@code packetId} is 0 for QoS 0. Response topic, correlation data and subscription identifiers are not kept. */
    record Publish(MqttPublish message, int packetId, boolean dup) implements Packet {
        public PacketType type() { return PacketType.PUBLISH; }
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP: they share one shape. */
    record Ack(PacketType type, int packetId, int reasonCode, Properties properties) implements Packet {}

    record Subscribe(int packetId, List<Subscription> subscriptions, Properties properties) implements Packet {
        public PacketType type() { return PacketType.SUBSCRIBE; }
    }

    record Suback(int packetId, List<Integer> reasonCodes, Properties properties) implements Packet {
        public PacketType type() { return PacketType.SUBACK; }
    }

    record Unsubscribe(int packetId, List<String> filters, Properties properties) implements Packet {
        public PacketType type() { return PacketType.UNSUBSCRIBE; }
    }

    /** UNSUBACK; MQTT 3.1.1 carries no reason codes, so the list is empty there. */
    record Unsuback(int packetId, List<Integer> reasonCodes, Properties properties) implements Packet {
        public PacketType type() { return PacketType.UNSUBACK; }
    }

    record PingReq() implements Packet {
        public PacketType type() { return PacketType.PINGREQ; }
    }

    record PingResp() implements Packet {
        public PacketType type() { return PacketType.PINGRESP; }
    }

    record Disconnect(int reasonCode, Properties properties) implements Packet {
        public PacketType type() { return PacketType.DISCONNECT; }
    }

    PingReq PINGREQ = new PingReq();
    PingResp PINGRESP = new PingResp();
}
