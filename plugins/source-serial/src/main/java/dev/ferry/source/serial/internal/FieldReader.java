package dev.ferry.source.serial.internal;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.source.serial.ByteOrder;
import dev.ferry.source.serial.FieldConfig;
import dev.ferry.source.serial.FieldType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one field's raw text or bytes into a reading: converts to its type, applies scale and offset. A whole
 * number used as read stays a whole number; scaled, it becomes a floating-point reading.
 */
final class FieldReader {

    private final String source;
    private final String metric;
    private final String unit;
    private final Map<String, String> tags;
    private final FieldType type;
    private final double scale;
    private final double offset;
    private final boolean unscaled;
    private final double divisor;
    private final boolean bigEndian;
    final int byteOffset;

    FieldReader(String source, FieldConfig field, ByteOrder frameOrder) {
        this.source = source;
        this.metric = field.metric();
        this.unit = field.unitOrNone();
        this.tags = field.tags();
        this.type = field.typeOrNumber();
        this.scale = field.scale();
        this.offset = field.offset();
        this.unscaled = field.unscaled();
        this.divisor = divisorFor(scale);
        this.bigEndian = (field.byteOrder() == null ? frameOrder : field.byteOrder()) == ByteOrder.BIG;
        this.byteOffset = field.byteOffset() == null ? 0 : field.byteOffset();
    }

    String metric() {
        return metric;
    }

    /** The reading of a field sent as text; {@code text} is already trimmed. */
    Reading fromText(String text, Instant time) throws MalformedFrameException {
        try {
            Value value = switch (type) {
                case NUMBER -> Value.of(scaled(Double.parseDouble(text)));
                case INTEGER -> whole(Long.parseLong(text));
                case BOOL -> Value.of(bool(text));
                case TEXT -> Value.of(text);
                default -> throw new IllegalStateException("binary type " + type + " on an ASCII field");
            };
            return new Reading(source, metric, value, unit, time, tags);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException(metric + ": " + Printable.line(text) + " is not "
                    + (type == FieldType.INTEGER ? "a whole number" : "a number"));
        }
    }

    /** The reading of a field in a binary payload; the caller made sure the payload holds it. */
    Reading fromBytes(byte[] frame, int payloadStart, Instant time) {
        int at = payloadStart + byteOffset;
        Value value = switch (type) {
            case INT8 -> whole(frame[at]);
            case UINT8 -> whole(frame[at] & 0xFF);
            case INT16 -> whole((short) bits(frame, at, 2));
            case UINT16 -> whole(bits(frame, at, 2));
            case INT32 -> whole((int) bits(frame, at, 4));
            case UINT32 -> whole(bits(frame, at, 4));
            case FLOAT32 -> Value.of(scaled(Float.intBitsToFloat((int) bits(frame, at, 4))));
            default -> throw new IllegalStateException("ASCII type " + type + " on a binary field");
        };
        return new Reading(source, metric, value, unit, time, tags);
    }

    /** Whether a payload of {@code length} bytes holds this field. */
    boolean fits(int length) {
        return byteOffset + type.width() <= length;
    }

    String span() {
        return type.name().toLowerCase(Locale.ROOT) + " at byte " + byteOffset;
    }

    private Value whole(long raw) {
        return unscaled ? Value.of(raw) : Value.of(scaled(raw));
    }

    private double scaled(double raw) {
        return (divisor != 0 ? raw / divisor : raw * scale) + offset;
    }

    /**
     * For a scale such as 0.1 or 0.01: the whole number to divide by instead, as 12 / 10 gives 1.2 where
     * 12 × 0.1 gives 1.2000000000000002. Zero when the scale is no such reciprocal.
     */
    private static double divisorFor(double scale) {
        double inverse = 1 / scale;
        double whole = Math.rint(inverse);
        return Math.abs(scale) < 1 && whole != 0 && Math.abs(inverse - whole) < 1e-9 * Math.abs(whole) ? whole : 0;
    }

    private long bits(byte[] data, int at, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            int b = data[bigEndian ? at + i : at + width - 1 - i] & 0xFF;
            v = (v << 8) | b;
        }
        return v;
    }

    private boolean bool(String text) throws MalformedFrameException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "true", "on", "yes" -> true;
            case "0", "false", "off", "no" -> false;
            default -> throw new MalformedFrameException(metric + ": " + Printable.line(text)
                    + " is not a bool (1/0, true/false, on/off, yes/no)");
        };
    }
}
