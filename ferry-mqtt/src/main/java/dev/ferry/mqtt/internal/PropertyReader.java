package dev.ferry.mqtt.internal;

import dev.ferry.api.Nullable;

/** Reads a property block and enforces where each property may appear and what values it may take. */
final class PropertyReader {

    private PropertyReader() {}

    /**
     * Reads the property length and the properties that follow.
     *
     * @param packet the packet they belong to, or null for a will's properties
     */
    static Properties read(WireReader r, @Nullable PacketType packet) throws MalformedPacketException {
        String where = packet == null ? "will properties" : packet + " properties";
        int length = r.varInt();
        int outer = r.pushLimit(length, where);
        Properties.Builder b = Properties.builder();
        while (r.remaining() > 0) {
            int code = r.varInt();
            PropertyId id = PropertyId.ofId(code);
            if (id == null) {
                throw MalformedPacketException.malformed("unknown property identifier 0x%02X in %s".formatted(code, where));
            }
            if (!id.allowedIn(packet)) {
                throw MalformedPacketException.malformed("property " + id + " is not allowed in " + where);
            }
            if (!id.repeatable() && b.isSet(id)) {
                throw MalformedPacketException.protocolError("property " + id + " appears twice in " + where);
            }
            switch (id.type) {
                case BYTE -> b.number(id, checked(id, r.u8(), where));
                case TWO_BYTES -> b.number(id, checked(id, r.u16(), where));
                case FOUR_BYTES -> b.number(id, checked(id, r.u32(), where));
                case VARINT -> b.number(id, checked(id, r.varInt(), where));
                case UTF8 -> b.string(id, r.utf8(id.toString()));
                case BINARY -> b.binary(id, r.binary(id.toString()));
                case PAIR -> b.user(r.utf8("user property name"), r.utf8("user property value"));
            }
        }
        r.popLimit(outer);
        return b.build();
    }

    /** The value rules of §3: flags are 0 or 1, and some limits may not be 0. */
    private static long checked(PropertyId id, long value, String where) throws MalformedPacketException {
        boolean ok = switch (id) {
            case RECEIVE_MAXIMUM, TOPIC_ALIAS, MAXIMUM_PACKET_SIZE, SUBSCRIPTION_IDENTIFIER -> value != 0;
            default -> id.type != PropertyId.Type.BYTE || value <= 1;
        };
        if (!ok) {
            throw MalformedPacketException.protocolError("property " + id + " may not be " + value + " in " + where);
        }
        return value;
    }
}
