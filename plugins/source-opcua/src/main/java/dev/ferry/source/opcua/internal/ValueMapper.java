package dev.ferry.source.opcua.internal;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Turns OPC UA data values into readings. Numbers, whole numbers (signed and unsigned up to 2^63 − 1), booleans,
 * strings, localized text, date-times, GUIDs and byte strings become values; a bad status, an empty value, an
 * array or any other type is malformed, described with the item and the reason. An uncertain status is kept as a
 * {@code status} tag. The time is the server's source timestamp when it sent one, else the clock.
 */
final class ValueMapper {

    private final String source;
    private final Clock clock;

    ValueMapper(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** Adds the readings of good values to {@code readings} and reports the others to {@code malformed}. */
    void map(Item item, DataValue data, List<Reading> readings, Consumer<String> malformed) {
        StatusCode status = data.getStatusCode() == null ? StatusCode.GOOD : data.getStatusCode();
        if (status.isBad()) {
            malformed.accept(item + ": the server reports " + StatusNames.name(status));
            return;
        }
        Object raw = data.getValue().getValue();
        Object value = raw == null ? "no value" : value(raw);
        if (value instanceof String problem) {
            malformed.accept(item + ": " + problem);
            return;
        }
        Map<String, String> tags = item.config.tags();
        if (status.isUncertain()) {
            tags = new java.util.HashMap<>(tags);
            tags.put("status", StatusNames.name(status));
        }
        readings.add(new Reading(source, item.metric(), (Value) value, item.config.unitOrNone(), time(data), tags));
    }

    private Instant time(DataValue data) {
        DateTime source = data.getSourceTime();
        if (source == null || source.isNull() || source.getUtcTime() <= 0) {
            return clock.instant();
        }
        return source.getJavaInstant();
    }

    /** The value, or a String saying why it cannot be one. */
    static Object value(Object raw) {
        return switch (raw) {
            case Double d -> Value.of(d);
            case Float f -> Value.of(f.doubleValue());
            case Byte b -> Value.of(b.longValue());
            case Short s -> Value.of(s.longValue());
            case Integer i -> Value.of(i.longValue());
            case Long l -> Value.of(l);
            case UByte b -> Value.of(b.longValue());
            case UShort s -> Value.of(s.longValue());
            case UInteger i -> Value.of(i.longValue());
            case ULong l -> unsignedLong(l);
            case Boolean b -> Value.of(b);
            case String s -> Value.of(s);
            case LocalizedText t -> Value.of(t.text() == null ? "" : t.text());
            case DateTime t -> Value.of(t.getJavaInstant().toString());
            case UUID u -> Value.of(u.toString());
            case ByteString b -> new Value.Bytes(b.bytesOrEmpty());
            default -> raw.getClass().isArray()
                    ? "arrays are not supported (" + raw.getClass().getComponentType().getSimpleName() + "["
                            + java.lang.reflect.Array.getLength(raw) + "])"
                    : "values of type " + raw.getClass().getSimpleName() + " are not supported";
        };
    }

    private static Object unsignedLong(ULong value) {
        long bits = value.longValue();
        return bits >= 0 ? Value.of(bits)
                : "UInt64 value " + Long.toUnsignedString(bits) + " is too large for a whole number (above 2^63 - 1)";
    }
}
