package dev.ferry.mqtt.internal;

/** The fifteen MQTT control packet types, with the fixed-header flags each requires. */
public enum PacketType {
    CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ,
    PINGRESP, DISCONNECT, AUTH;

    private static final PacketType[] BY_CODE = values();

    /** The 4-bit type in the first byte of the fixed header: CONNECT is 1, AUTH is 15. */
    public int code() {
        return ordinal() + 1;
    }

    /** The flags (low 4 bits) the specification requires; PUBLISH carries DUP, QoS and RETAIN there instead. */
    int requiredFlags() {
        return switch (this) {
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> 0b0010;
            default -> 0;
        };
    }

    /** The type for a code; the reserved code 0 makes the packet malformed. */
    static PacketType ofCode(int code) throws MalformedPacketException {
        if (code < 1 || code > BY_CODE.length) {
            throw MalformedPacketException.malformed("packet type " + code + " is reserved");
        }
        return BY_CODE[code - 1];
    }
}
