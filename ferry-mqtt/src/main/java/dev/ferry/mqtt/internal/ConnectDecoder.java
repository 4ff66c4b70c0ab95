package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.MqttWill;
import java.time.Duration;
import java.util.Arrays;

/** Decodes CONNECT (for test brokers) and CONNACK. */
final class ConnectDecoder {

    private static final byte[] PROTOCOL_NAME = {'M', 'Q', 'T', 'T'};

    private ConnectDecoder() {}

    static Packet.Connect connect(WireReader r) throws MalformedPacketException {
        byte[] name = r.binary("protocol name");
        if (!Arrays.equals(name, PROTOCOL_NAME)) {
            throw MalformedPacketException.protocolError("CONNECT for a protocol other than MQTT");
        }
        int level = r.u8();
        MqttVersion version = switch (level) {
            case 4 -> MqttVersion.V3_1_1;
            case 5 -> MqttVersion.V5;
            default -> throw new MalformedPacketException(0x84, "CONNECT with unsupported protocol level " + level);
        };
        boolean v5 = version == MqttVersion.V5;
        int flags = r.u8();
        boolean hasWill = (flags & 0x04) != 0;
        int willQos = flags >>> 3 & 0b11;
        boolean willRetain = (flags & 0x20) != 0;
        if ((flags & 0x01) != 0 || willQos == 3 || (!hasWill && (willQos != 0 || willRetain))) {
            throw MalformedPacketException.malformed("CONNECT flags 0x%02X break the rules for reserved and will bits".formatted(flags));
        }
        boolean hasUser = (flags & 0x80) != 0;
        boolean hasPassword = (flags & 0x40) != 0;
        if (!v5 && hasPassword && !hasUser) {
            throw MalformedPacketException.malformed("MQTT 3.1.1 CONNECT with a password but no user name");
        }
        int keepAlive = r.u16();
        Properties props = PacketDecoder.properties(r, PacketType.CONNECT, v5);
        String clientId = r.utf8("client id");
        MqttWill will = null;
        if (hasWill) {
            Properties willProps = v5 ? PropertyReader.read(r, null) : Properties.NONE;
            String topic = r.utf8("will topic");
            byte[] payload = r.binary("will payload");
            Duration expiry = willProps.has(PropertyId.MESSAGE_EXPIRY_INTERVAL)
                    ? Duration.ofSeconds(willProps.number(PropertyId.MESSAGE_EXPIRY_INTERVAL, 0)) : null;
            MqttPublish message = new MqttPublish(topic, payload, willQos, willRetain, expiry,
                    willProps.string(PropertyId.CONTENT_TYPE), willProps.number(PropertyId.PAYLOAD_FORMAT_INDICATOR, 0) == 1,
                    willProps.userPropertyMap());
            will = new MqttWill(message, Duration.ofSeconds(willProps.number(PropertyId.WILL_DELAY_INTERVAL, 0)));
        }
        String username = hasUser ? r.utf8("user name") : null;
        byte[] password = hasPassword ? r.binary("password") : null;
        return new Packet.Connect(version, clientId, keepAlive, (flags & 0x02) != 0, username, password, will, props);
    }

    static Packet.Connack connack(WireReader r, boolean v5) throws MalformedPacketException {
        int ackFlags = r.u8();
        if ((ackFlags & 0xFE) != 0) {
            throw MalformedPacketException.malformed("CONNACK acknowledge flags 0x%02X set reserved bits".formatted(ackFlags));
        }
        int code = r.u8();
        Properties props = PacketDecoder.properties(r, PacketType.CONNACK, v5);
        return new Packet.Connack((ackFlags & 1) != 0, code, props);
    }
}
