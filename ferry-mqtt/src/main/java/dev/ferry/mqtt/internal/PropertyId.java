package dev.ferry.mqtt.internal;

import static dev.ferry.mqtt.internal.PacketType.AUTH;
import static dev.ferry.mqtt.internal.PacketType.CONNACK;
import static dev.ferry.mqtt.internal.PacketType.CONNECT;
import static dev.ferry.mqtt.internal.PacketType.DISCONNECT;
import static dev.ferry.mqtt.internal.PacketType.PUBACK;
import static dev.ferry.mqtt.internal.PacketType.PUBCOMP;
import static dev.ferry.mqtt.internal.PacketType.PUBLISH;
import static dev.ferry.mqtt.internal.PacketType.PUBREC;
import static dev.ferry.mqtt.internal.PacketType.PUBREL;
import static dev.ferry.mqtt.internal.PacketType.SUBACK;
import static dev.ferry.mqtt.internal.PacketType.SUBSCRIBE;
import static dev.ferry.mqtt.internal.PacketType.UNSUBACK;
import static dev.ferry.mqtt.internal.PacketType.UNSUBSCRIBE;

import dev.ferry.api.Nullable;
import java.util.EnumSet;
import java.util.Set;

/** The MQTT 5 properties (specification §2.2.2.2): identifier, value type, and where each may appear. */
public enum PropertyId {
    PAYLOAD_FORMAT_INDICATOR(0x01, Type.BYTE, true, PUBLISH),
    MESSAGE_EXPIRY_INTERVAL(0x02, Type.FOUR_BYTES, true, PUBLISH),
    CONTENT_TYPE(0x03, Type.UTF8, true, PUBLISH),
    RESPONSE_TOPIC(0x08, Type.UTF8, true, PUBLISH),
    CORRELATION_DATA(0x09, Type.BINARY, true, PUBLISH),
    SUBSCRIPTION_IDENTIFIER(0x0B, Type.VARINT, false, PUBLISH, SUBSCRIBE),
    SESSION_EXPIRY_INTERVAL(0x11, Type.FOUR_BYTES, false, CONNECT, CONNACK, DISCONNECT),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, Type.UTF8, false, CONNACK),
    SERVER_KEEP_ALIVE(0x13, Type.TWO_BYTES, false, CONNACK),
    AUTHENTICATION_METHOD(0x15, Type.UTF8, false, CONNECT, CONNACK, AUTH),
    AUTHENTICATION_DATA(0x16, Type.BINARY, false, CONNECT, CONNACK, AUTH),
    REQUEST_PROBLEM_INFORMATION(0x17, Type.BYTE, false, CONNECT),
    WILL_DELAY_INTERVAL(0x18, Type.FOUR_BYTES, true),
    REQUEST_RESPONSE_INFORMATION(0x19, Type.BYTE, false, CONNECT),
    RESPONSE_INFORMATION(0x1A, Type.UTF8, false, CONNACK),
    SERVER_REFERENCE(0x1C, Type.UTF8, false, CONNACK, DISCONNECT),
    REASON_STRING(0x1F, Type.UTF8, false, CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH),
    RECEIVE_MAXIMUM(0x21, Type.TWO_BYTES, false, CONNECT, CONNACK),
    TOPIC_ALIAS_MAXIMUM(0x22, Type.TWO_BYTES, false, CONNECT, CONNACK),
    TOPIC_ALIAS(0x23, Type.TWO_BYTES, false, PUBLISH),
    MAXIMUM_QOS(0x24, Type.BYTE, false, CONNACK),
    RETAIN_AVAILABLE(0x25, Type.BYTE, false, CONNACK),
    USER_PROPERTY(0x26, Type.PAIR, true, CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK,
            UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH),
    MAXIMUM_PACKET_SIZE(0x27, Type.FOUR_BYTES, false, CONNECT, CONNACK),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, Type.BYTE, false, CONNACK),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, Type.BYTE, false, CONNACK),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, Type.BYTE, false, CONNACK);

    /** How a property's value is encoded. */
    enum Type { BYTE, TWO_BYTES, FOUR_BYTES, VARINT, UTF8, BINARY, PAIR }

    private static final PropertyId[] BY_ID = new PropertyId[0x2B];

    static {
        for (PropertyId p : values()) {
            BY_ID[p.id] = p;
        }
    }

    final int id;
    final Type type;
    private final boolean inWill;
    private final Set<PacketType> packets;

    PropertyId(int id, Type type, boolean inWill, PacketType... packets) {
        this.id = id;
        this.type = type;
        this.inWill = inWill;
        this.packets = packets.length == 0 ? EnumSet.noneOf(PacketType.class) : EnumSet.of(packets[0], packets);
    }

    /** The property for an identifier, or null for an identifier the specification does not define. */
    static @Nullable PropertyId ofId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** Whether this property may appear in {@code packet}'s properties ({@code null}: in a will's properties). */
    boolean allowedIn(@Nullable PacketType packet) {
        return packet == null ? inWill : packets.contains(packet);
    }

    /** Only these two may be repeated; any other property twice is a protocol error. */
    boolean repeatable() {
        return this == USER_PROPERTY || this == SUBSCRIPTION_IDENTIFIER;
    }
}
