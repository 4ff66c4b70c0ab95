package dev.ferry.source.serial;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import java.util.Map;

/**
 * One value taken from each frame, and the reading made of it. Which locator key applies depends on the
 * source's {@code format}: {@code key} (key-value), {@code column} (csv), {@code group} (regex) or
 * {@code byte_offset} (binary). The reading's value is {@code raw × scale + offset}.
 */
public record FieldConfig(
        @Doc("The metric name of the readings this field makes.") String metric,
        @Doc("key-value format: the key whose value this field takes, e.g. T.") @Nullable String key,
        @Doc("csv format: the column this field takes, counted from 0.") @Nullable Integer column,
        @Doc("regex format: the named group of the pattern this field takes.") @Nullable String group,
        @Doc("binary format: where the field's first byte is in the payload, counted from 0.") @Nullable Integer byteOffset,
        @Doc("number, integer, bool or text for ASCII formats (default number); int8, uint8, int16, uint16, int32, "
                + "uint32 or float32 for binary (required).") @Nullable FieldType type,
        @Doc("binary format: byte order of a multi-byte field, big or little; the frame's byte_order when left out.")
                @Nullable ByteOrder byteOrder,
        @Doc("Factor the raw value is multiplied by.") @Default("1") double scale,
        @Doc("Added to the value after scaling.") @Default("0") double offset,
        @Doc("Unit of the reading, e.g. Cel, %, hPa; none when left out.") @Nullable String unit,
        @Doc("Labels added to this field's readings, e.g. channel: \"2\".") @Default("{}") Map<String, String> tags) {

    public FieldConfig {
        tags = Map.copyOf(tags);
    }

    /** The unit written on readings: empty when there is none. */
    public String unitOrNone() {
        return unit == null ? "" : unit;
    }

    /** The configured type, or {@code number} for an ASCII field that names none. */
    public FieldType typeOrNumber() {
        return type == null ? FieldType.NUMBER : type;
    }

    /** True when the value is used as read: scale 1 and offset 0. */
    public boolean unscaled() {
        return scale == 1.0 && offset == 0.0;
    }
}
