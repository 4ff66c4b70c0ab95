package dev.ferry.source.serial;

import dev.ferry.api.ConfigProblem;
import dev.ferry.source.serial.internal.HexBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The checks of a serial source's config that binding alone cannot make; fields are checked by {@link FieldCheck}. */
final class SerialConfigCheck {

    static final long MIN_FRAME_LENGTH = 16;
    static final long MAX_FRAME_LENGTH = 1 << 20;

    private SerialConfigCheck() {}

    static List<ConfigProblem> problems(SerialConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        checkPort(config, problems);
        Pattern pattern = checkFormatKeys(config, problems);
        byte[] start = config.frame() == null ? null : checkFrame(config.frame(), problems);
        if (config.fields().isEmpty()) {
            problems.add(new ConfigProblem("fields", "needs at least one field; each field makes one reading per frame"));
        }
        new FieldCheck(config, pattern, start != null, problems).checkAll();
        long max = config.maxFrameLength().bytes();
        if (max < MIN_FRAME_LENGTH || max > MAX_FRAME_LENGTH) {
            problems.add(new ConfigProblem("max_frame_length", "must be between 16B and 1MiB, was " + config.maxFrameLength()));
        }
        return problems;
    }

    private static void checkPort(SerialConfig config, List<ConfigProblem> problems) {
        if (config.port().isBlank()) {
            problems.add(new ConfigProblem("port", "must name the serial device, e.g. /dev/ttyUSB0"));
        }
        if (config.baud() <= 0) {
            problems.add(new ConfigProblem("baud", "must be > 0, was " + config.baud()));
        }
        if (config.dataBits() < 5 || config.dataBits() > 8) {
            problems.add(new ConfigProblem("data_bits", "must be 5, 6, 7 or 8, was " + config.dataBits()));
        }
        double stop = config.stopBits();
        if (stop != 1.0 && stop != 1.5 && stop != 2.0) {
            problems.add(new ConfigProblem("stop_bits", "must be 1, 1.5 or 2, was " + number(stop)));
        }
    }

    /** Checks the keys that belong to one format; returns the compiled pattern of a regex source, else null. */
    private static Pattern checkFormatKeys(SerialConfig config, List<ConfigProblem> problems) {
        FrameFormat format = config.format();
        if (format == FrameFormat.KEY_VALUE || format == FrameFormat.CSV) {
            if (config.separator().isEmpty()) {
                problems.add(new ConfigProblem("separator", "must not be empty"));
            }
        }
        if (format == FrameFormat.KEY_VALUE) {
            if (config.keyValueSeparator().isEmpty()) {
                problems.add(new ConfigProblem("key_value_separator", "must not be empty"));
            } else if (config.keyValueSeparator().equals(config.separator())) {
                problems.add(new ConfigProblem("key_value_separator", "must differ from separator \"" + config.separator() + "\""));
            }
        }
        if (format == FrameFormat.BINARY && config.frame() == null) {
            problems.add(new ConfigProblem("frame", "is required for format binary; it gives start, length and checksum"));
        } else if (format != FrameFormat.BINARY && config.frame() != null) {
            problems.add(new ConfigProblem("frame", onlyFor("binary", format)));
        }
        if (format != FrameFormat.REGEX) {
            if (config.pattern() != null) {
                problems.add(new ConfigProblem("pattern", onlyFor("regex", format)));
            }
            return null;
        }
        if (config.pattern() == null || config.pattern().isEmpty()) {
            problems.add(new ConfigProblem("pattern", "is required for format regex, e.g. 'T:(?<t>[-0-9.]+)'"));
            return null;
        }
        try {
            Pattern pattern = Pattern.compile(config.pattern());
            if (pattern.namedGroups().isEmpty()) {
                problems.add(new ConfigProblem("pattern", "has no named group; name the groups fields take, e.g. (?<temp>[0-9.]+)"));
            }
            return pattern;
        } catch (PatternSyntaxException e) {
            problems.add(new ConfigProblem("pattern", "not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of \"" + config.pattern() + "\""));
            return null;
        }
    }

    /** Checks the frame layout; returns the start bytes, or null when they are unusable (reported). */
    private static byte[] checkFrame(BinaryFrameConfig frame, List<ConfigProblem> problems) {
        byte[] start = null;
        try {
            start = HexBytes.parse(frame.start());
            if (start.length > 8) {
                problems.add(new ConfigProblem("frame.start", "must be at most 8 bytes, was " + start.length));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("frame.start", e.getMessage()));
        }
        if (frame.length() == null && !frame.lengthByte()) {
            problems.add(new ConfigProblem("frame", "needs the payload length: set length, or length_byte: true"));
        } else if (frame.length() != null && frame.lengthByte()) {
            problems.add(new ConfigProblem("frame", "set either length or length_byte: true, not both"));
        } else if (frame.length() != null && (frame.length() < 1 || frame.length() > 4096)) {
            problems.add(new ConfigProblem("frame.length", "must be between 1 and 4096 bytes, was " + frame.length()));
        }
        return start;
    }

    static String onlyFor(String wanted, FrameFormat format) {
        return "applies to format " + wanted + " only; this source's format is " + kebab(format);
    }

    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
