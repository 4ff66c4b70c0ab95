package dev.ferry.runtime.config.internal;

import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Durations;
import java.time.Duration;

/** Turns one scalar into the Java value a key of a given type holds, refusing values of the wrong type. */
public final class ScalarConverter {

    private ScalarConverter() {}

    public static boolean handles(Class<?> type) {
        return type == String.class || type.isPrimitive() || type == Boolean.class || type == Integer.class
                || type == Long.class || type == Double.class || type == Duration.class || type == DataSize.class
                || type.isEnum();
    }

    public static Object convert(ConfigScalar scalar, Class<?> type) throws BadValue {
        if (type == String.class) {
            // a number or true/false where text is wanted is its text, in TOML as in YAML: `tags = {line = 3}`
            if (scalar.kind() == ScalarKind.INTEGER || scalar.kind() == ScalarKind.FLOAT || scalar.kind() == ScalarKind.BOOLEAN) {
                return scalar.text();
            }
            return toText(scalar, type, "; put it in quotes");
        } else if (type == boolean.class || type == Boolean.class) {
            return require(scalar, ScalarKind.BOOLEAN, type).text().equals("true");
        } else if (type == int.class || type == Integer.class) {
            long n = toLong(scalar, type);
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw new BadValue("must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", was " + n);
            }
            return (int) n;
        } else if (type == long.class || type == Long.class) {
            return toLong(scalar, type);
        } else if (type == double.class || type == Double.class) {
            return toDouble(scalar, type);
        } else if (type == Duration.class) {
            return toDuration(scalar);
        } else if (type == DataSize.class) {
            return toDataSize(scalar);
        } else if (type.isEnum()) {
            return toEnum(toText(scalar, type, ""), type);
        }
        throw new IllegalArgumentException("not a scalar type: " + type.getName());
    }

    private static String toText(ConfigScalar scalar, Class<?> type, String hint) throws BadValue {
        if (scalar.kind() == ScalarKind.STRING || (scalar.plain() && !scalar.isNull())) {
            return scalar.text();
        }
        throw wrongType(scalar, type, scalar.isNull() ? "" : hint);
    }

    private static ConfigScalar require(ConfigScalar scalar, ScalarKind kind, Class<?> type) throws BadValue {
        if (scalar.kind() != kind) {
            throw wrongType(scalar, type, "");
        }
        return scalar;
    }

    private static long toLong(ConfigScalar scalar, Class<?> type) throws BadValue {
        try {
            return Long.parseLong(require(scalar, ScalarKind.INTEGER, type).text());
        } catch (NumberFormatException e) {
            throw new BadValue("too large for a whole number, was " + scalar.text());
        }
    }

    private static double toDouble(ConfigScalar scalar, Class<?> type) throws BadValue {
        if (scalar.kind() != ScalarKind.INTEGER && scalar.kind() != ScalarKind.FLOAT) {
            throw wrongType(scalar, type, "");
        }
        // YAML writes infinity and not-a-number as .inf and .nan; neither is a sensible setting.
        double value = scalar.text().endsWith("inf") || scalar.text().endsWith("nan")
                ? Double.NaN
                : Double.parseDouble(scalar.text());
        if (!Double.isFinite(value)) {
            throw new BadValue("expected a finite number, got " + scalar.text());
        }
        return value;
    }

    private static Duration toDuration(ConfigScalar scalar) throws BadValue {
        if (scalar.kind() == ScalarKind.INTEGER || scalar.kind() == ScalarKind.FLOAT || scalar.kind() == ScalarKind.STRING) {
            try {
                return Durations.parse(scalar.text());
            } catch (IllegalArgumentException e) {
                throw new BadValue(e.getMessage());
            }
        }
        throw wrongType(scalar, Duration.class, "");
    }

    private static DataSize toDataSize(ConfigScalar scalar) throws BadValue {
        if (scalar.kind() == ScalarKind.INTEGER || scalar.kind() == ScalarKind.STRING) {
            try {
                return DataSize.parse(scalar.text());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new BadValue("size too large: \"" + scalar.text() + "\"");
            } catch (IllegalArgumentException e) {
                throw new BadValue(e.getMessage());
            }
        }
        throw wrongType(scalar, DataSize.class, "");
    }

    private static Object toEnum(String text, Class<?> type) throws BadValue {
        for (Object constant : type.getEnumConstants()) {
            if (KeyNames.kebabCase((Enum<?>) constant).equals(text)) {
                return constant;
            }
        }
        throw new BadValue("unknown value \"" + text + "\"; expected one of: " + TypeNames.enumValues(type));
    }

    private static BadValue wrongType(ConfigScalar scalar, Class<?> type, String hint) {
        return new BadValue("expected " + TypeNames.expected(type) + ", got " + scalar.describe() + hint);
    }
}
