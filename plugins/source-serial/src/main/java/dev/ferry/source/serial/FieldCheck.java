package dev.ferry.source.serial;

import static dev.ferry.source.serial.SerialConfigCheck.kebab;
import static dev.ferry.source.serial.SerialConfigCheck.number;
import static dev.ferry.source.serial.SerialConfigCheck.onlyFor;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the {@code fields} of a serial source against its format. */
final class FieldCheck {

    private static final int LENGTH_BYTE_MAX = 255;

    private final SerialConfig config;
    private final @Nullable Pattern pattern;
    private final boolean frameUsable;
    private final List<ConfigProblem> problems;
    private final Map<String, Integer> readings = new HashMap<>();
    private final List<int[]> spans = new ArrayList<>(); // binary: {first byte, last byte, field index}

    FieldCheck(SerialConfig config, @Nullable Pattern pattern, boolean frameUsable, List<ConfigProblem> problems) {
        this.config = config;
        this.pattern = pattern;
        this.frameUsable = frameUsable;
        this.problems = problems;
    }

    void checkAll() {
        for (int i = 0; i < config.fields().size(); i++) {
            check(config.fields().get(i), i, "fields." + i + ".");
        }
    }

    private void check(FieldConfig field, int index, String at) {
        if (field.metric().isBlank()) {
            problems.add(new ConfigProblem(at + "metric", "must not be empty; it names the field's readings"));
        } else {
            Integer earlier = readings.putIfAbsent(field.metric() + "\u0000" + field.tags(), index);
            if (earlier != null) {
                problems.add(new ConfigProblem(at + "metric", "\"" + field.metric() + "\" with the same tags as fields."
                        + earlier + "; give each field its own metric name or tags"));
            }
        }
        FrameFormat format = config.format();
        locator(at + "key", field.key() != null, FrameFormat.KEY_VALUE, "the key the value follows, e.g. key: T");
        locator(at + "column", field.column() != null, FrameFormat.CSV, "the column, counted from 0, e.g. column: 2");
        locator(at + "group", field.group() != null, FrameFormat.REGEX, "the named group of the pattern, e.g. group: temp");
        locator(at + "byte_offset", field.byteOffset() != null, FrameFormat.BINARY,
                "where the field starts in the payload, counted from 0, e.g. byte_offset: 2");
        if (field.key() != null && format == FrameFormat.KEY_VALUE && field.key().isBlank()) {
            problems.add(new ConfigProblem(at + "key", "must not be empty"));
        }
        if (field.column() != null && field.column() < 0) {
            problems.add(new ConfigProblem(at + "column", "must be >= 0 (the first column is 0), was " + field.column()));
        }
        if (field.group() != null && pattern != null && !pattern.namedGroups().containsKey(field.group())) {
            problems.add(new ConfigProblem(at + "group", "\"" + field.group() + "\" is not a named group of the pattern; "
                    + "it has " + String.join(", ", pattern.namedGroups().keySet())));
        }
        checkType(field, at);
        if (format == FrameFormat.BINARY) {
            checkSpan(field, index, at);
        } else if (field.byteOrder() != null) {
            problems.add(new ConfigProblem(at + "byte_order", onlyFor("binary", format)));
        }
    }

    private void locator(String key, boolean present, FrameFormat owner, String what) {
        if (config.format() == owner && !present) {
            problems.add(new ConfigProblem(key, "is required for format " + kebab(owner) + ": " + what));
        } else if (config.format() != owner && present) {
            problems.add(new ConfigProblem(key, onlyFor(kebab(owner), config.format())));
        }
    }

    private void checkType(FieldConfig field, String at) {
        boolean binary = config.format() == FrameFormat.BINARY;
        FieldType type = field.type();
        if (binary && type == null) {
            problems.add(new ConfigProblem(at + "type", "is required for format binary: int8, uint8, int16, uint16, "
                    + "int32, uint32 or float32"));
        } else if (type != null && type.binary() != binary) {
            problems.add(new ConfigProblem(at + "type", kebab(type) + (binary
                    ? " is for ASCII formats; binary fields are int8, uint8, int16, uint16, int32, uint32 or float32"
                    : " is for binary frames; ASCII fields are number, integer, bool or text")));
        }
        FieldType effective = binary ? type : field.typeOrNumber();
        if ((effective == FieldType.BOOL || effective == FieldType.TEXT) && !field.unscaled()) {
            problems.add(new ConfigProblem(at + (field.scale() != 1.0 ? "scale" : "offset"), "does not apply to type "
                    + kebab(effective) + "; leave scale and offset out"));
        }
        if (field.scale() == 0.0) {
            problems.add(new ConfigProblem(at + "scale", "must not be 0, was " + number(field.scale())));
        }
    }

    private void checkSpan(FieldConfig field, int index, String at) {
        if (field.byteOffset() == null || field.type() == null || !field.type().binary()) {
            return;
        }
        int first = field.byteOffset();
        int last = first + field.type().width() - 1;
        if (first < 0) {
            problems.add(new ConfigProblem(at + "byte_offset", "must be >= 0 (the first payload byte is 0), was " + first));
            return;
        }
        BinaryFrameConfig frame = config.frame();
        if (frame != null && frameUsable) {
            int payload = frame.length() != null ? frame.length() : LENGTH_BYTE_MAX;
            if (last >= payload) {
                problems.add(new ConfigProblem(at + "byte_offset", kebab(field.type()) + " at byte " + first
                        + " ends at byte " + last + ", past the payload of " + payload + " bytes (0 to " + (payload - 1) + ")"));
            }
        }
        for (int[] span : spans) {
            if (first <= span[1] && span[0] <= last) {
                problems.add(new ConfigProblem(at + "byte_offset", "bytes " + first + " to " + last + " overlap fields."
                        + span[2] + " (bytes " + span[0] + " to " + span[1] + "); each payload byte belongs to one field"));
                break;
            }
        }
        spans.add(new int[] {first, last, index});
    }
}
