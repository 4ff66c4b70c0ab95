package dev.ferry.runtime.config.internal;

import dev.ferry.api.config.DataSize;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How key types are named to the user, in error messages and in docs. */
public final class TypeNames {

    private TypeNames() {}

    /** What a key of this type wants, as in "expected a whole number". */
    public static String expected(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return "a string";
        } else if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "a whole number";
        } else if (raw == double.class || raw == Double.class) {
            return "a number";
        } else if (raw == Duration.class) {
            return "a duration such as 10s";
        } else if (raw == DataSize.class) {
            return "a size such as 64MiB";
        } else if (raw.isEnum()) {
            return "one of: " + enumValues(raw);
        } else if (raw == List.class) {
            return "a list";
        } else if (raw == Map.class || raw.isRecord()) {
            return "a section";
        }
        return raw.getSimpleName();
    }

    /** A short name of the type for docs, e.g. {@code duration}, {@code list of string}. */
    public static String shortName(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return "string";
        } else if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        } else if (raw == double.class || raw == Double.class) {
            return "number";
        } else if (raw == Duration.class) {
            return "duration";
        } else if (raw == DataSize.class) {
            return "size";
        } else if (raw.isEnum()) {
            return "one of " + enumValues(raw);
        } else if (raw == List.class) {
            return "list of " + shortName(typeArgument(type, 0));
        } else if (raw == Map.class) {
            return "map of " + shortName(typeArgument(type, 1));
        } else if (raw.isRecord()) {
            return "section";
        }
        return raw.getSimpleName();
    }

    /** The constants of an enum as written in the file, e.g. {@code block, drop-oldest}. */
    public static String enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> KeyNames.kebabCase((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }

    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported config type " + type.getTypeName());
    }

    public static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("a config " + type.getTypeName() + " must say its element type, e.g. List<String>");
    }
}
