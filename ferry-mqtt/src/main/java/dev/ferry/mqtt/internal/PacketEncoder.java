package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.MqttWill;
import dev.ferry.mqtt.Subscription;
import java.nio.charset.StandardCharsets;

/** Encodes packets into a {@link WireWriter}. Stateless; the version decides whether properties and reason codes go out. */
public final class PacketEncoder {

    private static final byte[] PROTOCOL_NAME = "MQTT".getBytes(StandardCharsets.US_ASCII);

    private PacketEncoder() {}

    /** Appends one whole packet (fixed header included) to {@code w}; returns its size in bytes. */
    public static int encode(Packet packet, MqttVersion version, WireWriter w) {
        boolean v5 = version == MqttVersion.V5;
        int start = w.size();
        int flags = packet instanceof Packet.Publish p ? publishFlags(p) : packet.type().requiredFlags();
        w.u8(packet.type().code() << 4 | flags);
        int mark = w.beginLength();
        switch (packet) {
            case Packet.Connect c -> connect(c, w);
            case Packet.Connack c -> {
                w.u8(c.sessionPresent() ? 1 : 0);
                w.u8(c.reasonCode());
                properties(v5, c.properties(), w);
            }
            case Packet.Publish p -> publish(p, v5, w);
            case Packet.Ack a -> {
                w.u16(a.packetId());
                if (v5 && (a.reasonCode() != 0 || !a.properties().isEmpty())) {
                    w.u8(a.reasonCode());
                    if (!a.properties().isEmpty()) {
                        a.properties().encode(w);
                    }
                }
            }
            case Packet.Subscribe s -> {
                w.u16(s.packetId());
                properties(v5, s.properties(), w);
                for (Subscription sub : s.subscriptions()) {
                    w.utf8(sub.filter());
                    w.u8(sub.maxQos());
                }
            }
            case Packet.Suback s -> {
                w.u16(s.packetId());
                properties(v5, s.properties(), w);
                s.reasonCodes().forEach(w::u8);
            }
            case Packet.Unsubscribe u -> {
                w.u16(u.packetId());
                properties(v5, u.properties(), w);
                u.filters().forEach(w::utf8);
            }
            case Packet.Unsuback u -> {
                w.u16(u.packetId());
                if (v5) {
                    u.properties().encode(w);
                    u.reasonCodes().forEach(w::u8);
                }
            }
            case Packet.PingReq p -> { }
            case Packet.PingResp p -> { }
            case Packet.Disconnect d -> {
                if (v5 && (d.reasonCode() != 0 || !d.properties().isEmpty())) {
                    w.u8(d.reasonCode());
                    if (!d.properties().isEmpty()) {
                        d.properties().encode(w);
                    }
                }
            }
        }
        w.endLength(mark);
        return w.size() - start;
    }

    private static int publishFlags(Packet.Publish p) {
        return (p.dup() ? 0b1000 : 0) | p.message().qos() << 1 | (p.message().retain() ? 1 : 0);
    }

    private static void properties(boolean v5, Properties properties, WireWriter w) {
        if (v5) {
            properties.encode(w);
        }
    }

    private static void publish(Packet.Publish p, boolean v5, WireWriter w) {
        MqttPublish m = p.message();
        w.utf8(m.topic());
        if (m.qos() > 0) {
            w.u16(p.packetId());
        }
        if (v5) {
            messageProperties(m, -1, w);
        }
        w.bytes(m.payload());
    }

    /**
     * Writes the properties a message carries, in PUBLISH or in a will, straight into {@code w} (in identifier order,
     * as {@link Properties#encode} does) so publishing makes no garbage. {@code willDelay} is -1 outside a will.
     */
    private static void messageProperties(MqttPublish m, long willDelay, WireWriter w) {
        int mark = w.beginLength();
        if (m.utf8Payload()) {
            w.varInt(PropertyId.PAYLOAD_FORMAT_INDICATOR.id);
            w.u8(1);
        }
        if (m.messageExpiry() != null) {
            w.varInt(PropertyId.MESSAGE_EXPIRY_INTERVAL.id);
            w.u32(m.messageExpiry().toSeconds());
        }
        if (m.contentType() != null) {
            w.varInt(PropertyId.CONTENT_TYPE.id);
            w.utf8(m.contentType());
        }
        if (willDelay > 0) {
            w.varInt(PropertyId.WILL_DELAY_INTERVAL.id);
            w.u32(willDelay);
        }
        if (!m.userProperties().isEmpty()) {
            m.userProperties().forEach((name, value) -> {
                w.varInt(PropertyId.USER_PROPERTY.id);
                w.utf8(name);
                w.utf8(value);
            });
        }
        w.endLength(mark);
    }

    private static void connect(Packet.Connect c, WireWriter w) {
        boolean v5 = c.version() == MqttVersion.V5;
        MqttWill will = c.will();
        w.u16(PROTOCOL_NAME.length);
        w.bytes(PROTOCOL_NAME);
        w.u8(c.version().protocolLevel());
        int flags = (c.username() != null ? 0x80 : 0) | (c.password() != null ? 0x40 : 0) | (c.cleanStart() ? 0x02 : 0);
        if (will != null) {
            flags |= 0x04 | will.message().qos() << 3 | (will.message().retain() ? 0x20 : 0);
        }
        w.u8(flags);
        w.u16(c.keepAliveSeconds());
        properties(v5, c.properties(), w);
        w.utf8(c.clientId());
        if (will != null) {
            if (v5) {
                messageProperties(will.message(), will.delay().toSeconds(), w);
            }
            w.utf8(will.message().topic());
            w.binary(will.message().payload());
        }
        if (c.username() != null) {
            w.utf8(c.username());
        }
        if (c.password() != null) {
            w.binary(c.password());
        }
    }
}
