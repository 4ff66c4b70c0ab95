package dev.ferry.mqtt.internal;

import dev.ferry.api.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MQTT 5 properties of one packet or will. Immutable. Numbers are held as {@code Long}, strings as {@code String},
 * binary data as {@code byte[]}, repeated subscription identifiers as a {@code List<Long>}; user properties keep their
 * order and repeats.
 */
public final class Properties {

    public static final Properties NONE = new Properties(new Object[PropertyId.values().length], List.of());

    private final Object[] values; // indexed by PropertyId.ordinal()
    private final List<Map.Entry<String, String>> userProperties;

    private Properties(Object[] values, List<Map.Entry<String, String>> userProperties) {
        this.values = values;
        this.userProperties = userProperties;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return this == NONE || (userProperties.isEmpty() && Arrays.stream(values).allMatch(v -> v == null));
    }

    public boolean has(PropertyId id) {
        return values[id.ordinal()] != null;
    }

    public long number(PropertyId id, long absent) {
        Object v = values[id.ordinal()];
        return v instanceof Long n ? n : v instanceof List<?> list ? (Long) list.getFirst() : absent;
    }

    public @Nullable String string(PropertyId id) {
        return (String) values[id.ordinal()];
    }

    public byte @Nullable [] binary(PropertyId id) {
        return (byte[]) values[id.ordinal()];
    }

    public List<Map.Entry<String, String>> userProperties() {
        return userProperties;
    }

    /** The user properties as a map; a repeated name keeps its last value. */
    public Map<String, String> userPropertyMap() {
        if (userProperties.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        userProperties.forEach(e -> map.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(map);
    }

    /** Writes the property length and the properties, in identifier order, then the user properties. */
    void encode(WireWriter w) {
        int mark = w.beginLength();
        PropertyId[] ids = PropertyId.values();
        for (int i = 0; i < ids.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            PropertyId id = ids[i];
            if (v instanceof List<?> repeated) {
                for (Object each : repeated) {
                    w.varInt(id.id);
                    w.varInt(Math.toIntExact((Long) each));
                }
                continue;
            }
            w.varInt(id.id);
            switch (id.type) {
                case BYTE -> w.u8((int) (long) (Long) v);
                case TWO_BYTES -> w.u16((int) (long) (Long) v);
                case FOUR_BYTES -> w.u32((Long) v);
                case VARINT -> w.varInt(Math.toIntExact((Long) v));
                case UTF8 -> w.utf8((String) v);
                case BINARY -> w.binary((byte[]) v);
                case PAIR -> throw new IllegalStateException("user properties are kept apart");
            }
        }
        for (Map.Entry<String, String> pair : userProperties) {
            w.varInt(PropertyId.USER_PROPERTY.id);
            w.utf8(pair.getKey());
            w.utf8(pair.getValue());
        }
        w.endLength(mark);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Properties that && Arrays.deepEquals(values, that.values)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values) * 31 + userProperties.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        PropertyId[] ids = PropertyId.values();
        for (int i = 0; i < ids.length; i++) {
            if (values[i] != null) {
                Object v = values[i];
                sb.append(sb.length() > 1 ? ", " : "").append(ids[i]).append('=')
                        .append(v instanceof byte[] b ? b.length + " bytes" : v);
            }
        }
        userProperties.forEach(e -> sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append(':').append(e.getValue()));
        return sb.append('}').toString();
    }

    /** Collects properties; not thread-safe. */
    public static final class Builder {
        private final Object[] values = new Object[PropertyId.values().length];
        private final List<Map.Entry<String, String>> userProperties = new ArrayList<>();

        public Builder number(PropertyId id, long value) {
            switch (id.type) {
                case BYTE, TWO_BYTES, FOUR_BYTES, VARINT -> { }
                default -> throw new IllegalArgumentException(id + " is not a number");
            }
            long max = switch (id.type) {
                case BYTE -> 0xFF;
                case TWO_BYTES -> 0xFFFF;
                case FOUR_BYTES -> 0xFFFF_FFFFL;
                default -> WireWriter.MAX_VARINT;
            };
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(id + " must be 0 to " + max + ", was " + value);
            }
            if (id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
                @SuppressWarnings("unchecked")
                List<Long> ids = values[id.ordinal()] instanceof List<?> l ? (List<Long>) l : new ArrayList<>();
                ids.add(value);
                values[id.ordinal()] = ids;
            } else {
                values[id.ordinal()] = value;
            }
            return this;
        }

        public Builder string(PropertyId id, String value) {
            if (id.type != PropertyId.Type.UTF8) {
                throw new IllegalArgumentException(id + " is not a string");
            }
            Utf8.check(value, id.toString());
            values[id.ordinal()] = value;
            return this;
        }

        public Builder binary(PropertyId id, byte[] value) {
            if (id.type != PropertyId.Type.BINARY) {
                throw new IllegalArgumentException(id + " is not binary data");
            }
            values[id.ordinal()] = value.clone();
            return this;
        }

        public Builder user(String name, String value) {
            userProperties.add(Map.entry(name, value));
            return this;
        }

        public Builder users(Map<String, String> pairs) {
            pairs.forEach(this::user);
            return this;
        }

        boolean isSet(PropertyId id) {
            return values[id.ordinal()] != null;
        }

        public Properties build() {
            if (userProperties.isEmpty() && Arrays.stream(values).allMatch(v -> v == null)) {
                return NONE;
            }
            Object[] copy = values.clone();
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] instanceof List<?> l) {
                    copy[i] = List.copyOf(l);
                }
            }
            return new Properties(copy, List.copyOf(userProperties));
        }
    }
}
