package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.ConnackInfo;
import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttVersion;
import java.time.Duration;

/** Turns options into CONNECT, and CONNACK into what the connection then works with. */
final class ConnectPacket {

    private static final int DEFAULT_RECEIVE_MAXIMUM = 0xFFFF;

    private ConnectPacket() {}

    static Packet.Connect of(MqttConnectOptions o) {
        Properties properties = Properties.NONE;
        if (o.version() == MqttVersion.V5) {
            Properties.Builder b = Properties.builder();
            if (!o.sessionExpiry().isZero()) {
                b.number(PropertyId.SESSION_EXPIRY_INTERVAL, o.sessionExpiry().toSeconds());
            }
            if (o.receiveMaximum() != DEFAULT_RECEIVE_MAXIMUM) {
                b.number(PropertyId.RECEIVE_MAXIMUM, o.receiveMaximum());
            }
            if (o.maximumPacketSize() < MqttConnectOptions.LARGEST_PACKET) {
                b.number(PropertyId.MAXIMUM_PACKET_SIZE, o.maximumPacketSize());
            }
            properties = b.users(o.userProperties()).build();
        }
        return new Packet.Connect(o.version(), o.clientId(), (int) o.keepAlive().toSeconds(), o.cleanStart(),
                o.username(), o.password(), o.will(), properties);
    }

    /** MQTT 3.1.1 has no CONNACK properties, so there every limit is the specification's default. */
    static ConnackInfo connackInfo(Packet.Connack connack, MqttConnectOptions o) {
        Properties p = connack.properties();
        Duration keepAlive = p.has(PropertyId.SERVER_KEEP_ALIVE)
                ? Duration.ofSeconds(p.number(PropertyId.SERVER_KEEP_ALIVE, 0))
                : Duration.ofSeconds(o.keepAlive().toSeconds());
        return new ConnackInfo(
                connack.sessionPresent(),
                (int) p.number(PropertyId.RECEIVE_MAXIMUM, DEFAULT_RECEIVE_MAXIMUM),
                (int) Math.min(1, p.number(PropertyId.MAXIMUM_QOS, 1)),
                p.number(PropertyId.RETAIN_AVAILABLE, 1) == 1,
                p.number(PropertyId.MAXIMUM_PACKET_SIZE, MqttConnectOptions.LARGEST_PACKET),
                p.string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER),
                keepAlive,
                p.string(PropertyId.REASON_STRING),
                p.userPropertyMap());
    }
}
