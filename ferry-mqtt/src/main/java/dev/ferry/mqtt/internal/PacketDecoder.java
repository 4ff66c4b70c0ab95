package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttReasonCodes;
import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one packet's body, enforcing the specification's rules: reserved flags, field lengths, well-formed UTF-8,
 * the properties each packet may carry, no trailing bytes. Stateless. This client takes part in neither QoS 2 nor
 * enhanced authentication, so a QoS 2 PUBLISH, a topic alias and AUTH are protocol errors.
 */
public final class PacketDecoder {

    private PacketDecoder() {}

    /** Decodes the packet whose fixed header starts with {@code firstByte} and whose body is {@code buf[offset, offset+length)}. */
    public static Packet decode(int firstByte, byte[] buf, int offset, int length, MqttVersion version)
            throws MalformedPacketException {
        PacketType type = PacketType.ofCode(firstByte >>> 4);
        int flags = firstByte & 0x0F;
        if (type != PacketType.PUBLISH && flags != type.requiredFlags()) {
            throw MalformedPacketException.malformed("%s with reserved flags 0x%X".formatted(type, flags));
        }
        boolean v5 = version == MqttVersion.V5;
        WireReader r = new WireReader(buf, offset, length);
        try {
            Packet packet = switch (type) {
                case CONNECT -> ConnectDecoder.connect(r);
                case CONNACK -> ConnectDecoder.connack(r, v5);
                case PUBLISH -> publish(r, flags, v5);
                case PUBACK, PUBREC, PUBREL, PUBCOMP -> ack(type, r, v5);
                case SUBSCRIBE -> subscribe(r, v5);
                case SUBACK -> suback(r, v5);
                case UNSUBSCRIBE -> unsubscribe(r, v5);
                case UNSUBACK -> unsuback(r, v5);
                case PINGREQ -> Packet.PINGREQ;
                case PINGRESP -> Packet.PINGRESP;
                case DISCONNECT -> disconnect(r, v5);
                case AUTH -> throw v5 ? MalformedPacketException.protocolError("AUTH is not supported: no authentication method was sent")
                        : MalformedPacketException.malformed("packet type 15 is reserved in MQTT 3.1.1");
            };
            r.expectEnd(type.toString());
            return packet;
        } catch (IllegalArgumentException e) { // a value a record refused: a wildcard topic, QoS 2, ...
            throw MalformedPacketException.protocolError(type + ": " + e.getMessage());
        }
    }

    private static Packet publish(WireReader r, int flags, boolean v5) throws MalformedPacketException {
        int qos = flags >>> 1 & 0b11;
        boolean dup = (flags & 0b1000) != 0;
        if (qos == 3) {
            throw MalformedPacketException.malformed("PUBLISH with QoS 3");
        }
        if (qos == 2) {
            throw MalformedPacketException.protocolError("PUBLISH with QoS 2, which this client never subscribes for");
        }
        if (qos == 0 && dup) {
            throw MalformedPacketException.protocolError("PUBLISH with QoS 0 and the DUP flag");
        }
        String topic = r.utf8("topic");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new MalformedPacketException(0x90, "PUBLISH topic '" + topic + "' holds a wildcard");
        }
        int packetId = qos > 0 ? packetId(r, PacketType.PUBLISH) : 0;
        Properties props = properties(r, PacketType.PUBLISH, v5);
        if (props.has(PropertyId.TOPIC_ALIAS)) {
            throw new MalformedPacketException(0x94, "PUBLISH with a topic alias, though this client allows none");
        }
        if (topic.isEmpty()) {
            throw MalformedPacketException.protocolError("PUBLISH with an empty topic and no topic alias");
        }
        byte[] payload = r.bytes(r.remaining(), "payload");
        Duration expiry = props.has(PropertyId.MESSAGE_EXPIRY_INTERVAL)
                ? Duration.ofSeconds(props.number(PropertyId.MESSAGE_EXPIRY_INTERVAL, 0)) : null;
        boolean utf8 = props.number(PropertyId.PAYLOAD_FORMAT_INDICATOR, 0) == 1;
        MqttPublish message = new MqttPublish(topic, payload, qos, (flags & 1) != 0, expiry,
                props.string(PropertyId.CONTENT_TYPE), utf8, props.userPropertyMap());
        return new Packet.Publish(message, packetId, dup);
    }

    private static Packet ack(PacketType type, WireReader r, boolean v5) throws MalformedPacketException {
        int packetId = packetId(r, type);
        int reason = v5 && r.remaining() > 0 ? r.u8() : MqttReasonCodes.NORMAL_DISCONNECTION;
        Properties props = v5 && r.remaining() > 0 ? PropertyReader.read(r, type) : Properties.NONE;
        return new Packet.Ack(type, packetId, reason, props);
    }

    private static Packet subscribe(WireReader r, boolean v5) throws MalformedPacketException {
        int packetId = packetId(r, PacketType.SUBSCRIBE);
        Properties props = properties(r, PacketType.SUBSCRIBE, v5);
        List<Subscription> subscriptions = new ArrayList<>();
        while (r.remaining() > 0) {
            String filter = r.utf8("topic filter");
            int options = r.u8();
            if ((options & (v5 ? 0xC0 : 0xFC)) != 0 || (options & 0b11) == 3) {
                throw MalformedPacketException.malformed("SUBSCRIBE options 0x%02X for '%s' set reserved bits".formatted(options, filter));
            }
            subscriptions.add(new Subscription(filter, options & 0b11));
        }
        if (subscriptions.isEmpty()) {
            throw MalformedPacketException.protocolError("SUBSCRIBE without a topic filter");
        }
        return new Packet.Subscribe(packetId, List.copyOf(subscriptions), props);
    }

    private static Packet unsubscribe(WireReader r, boolean v5) throws MalformedPacketException {
        int packetId = packetId(r, PacketType.UNSUBSCRIBE);
        Properties props = properties(r, PacketType.UNSUBSCRIBE, v5);
        List<String> filters = new ArrayList<>();
        while (r.remaining() > 0) {
            String filter = r.utf8("topic filter");
            Topics.checkFilter(filter);
            filters.add(filter);
        }
        if (filters.isEmpty()) {
            throw MalformedPacketException.protocolError("UNSUBSCRIBE without a topic filter");
        }
        return new Packet.Unsubscribe(packetId, List.copyOf(filters), props);
    }

    private static Packet suback(WireReader r, boolean v5) throws MalformedPacketException {
        int packetId = packetId(r, PacketType.SUBACK);
        Properties props = properties(r, PacketType.SUBACK, v5);
        return new Packet.Suback(packetId, codes(r, PacketType.SUBACK), props);
    }

    private static Packet unsuback(WireReader r, boolean v5) throws MalformedPacketException {
        int packetId = packetId(r, PacketType.UNSUBACK);
        Properties props = properties(r, PacketType.UNSUBACK, v5);
        // MQTT 3.1.1 has no reason codes here: bytes after the packet identifier are trailing bytes, not codes.
        return new Packet.Unsuback(packetId, v5 ? codes(r, PacketType.UNSUBACK) : List.of(), props);
    }

    private static Packet disconnect(WireReader r, boolean v5) throws MalformedPacketException {
        int reason = v5 && r.remaining() > 0 ? r.u8() : MqttReasonCodes.NORMAL_DISCONNECTION;
        Properties props = v5 && r.remaining() > 0 ? PropertyReader.read(r, PacketType.DISCONNECT) : Properties.NONE;
        return new Packet.Disconnect(reason, props);
    }

    /** One reason code per remaining byte; SUBACK and MQTT 5 UNSUBACK must carry at least one. */
    private static List<Integer> codes(WireReader r, PacketType type) throws MalformedPacketException {
        List<Integer> codes = new ArrayList<>(r.remaining());
        while (r.remaining() > 0) {
            codes.add(r.u8());
        }
        if (codes.isEmpty()) {
            throw MalformedPacketException.protocolError(type + " without reason codes");
        }
        return List.copyOf(codes);
    }

    static Properties properties(WireReader r, PacketType type, boolean v5) throws MalformedPacketException {
        return v5 ? PropertyReader.read(r, type) : Properties.NONE;
    }

    private static int packetId(WireReader r, PacketType type) throws MalformedPacketException {
        int id = r.u16();
        if (id == 0) {
            throw MalformedPacketException.protocolError(type + " with packet identifier 0");
        }
        return id;
    }
}
