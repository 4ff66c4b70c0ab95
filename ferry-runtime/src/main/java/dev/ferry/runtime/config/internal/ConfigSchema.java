package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a config record can be bound at all: supported types, defaults that parse, bounds on types that
 * have an order. A mistake here is the plugin's, so it is found when plugins load, not in a user's file.
 */
public final class ConfigSchema {

    private static final Origin ANNOTATION = Origin.wholeFile(Path.of("@Default"));

    private ConfigSchema() {}

    /** What is wrong with the record's declaration, one message per mistake; empty when it is sound. */
    public static List<String> mistakes(Class<? extends Record> type) {
        List<String> mistakes = new ArrayList<>();
        check(type, "", mistakes, new HashSet<>());
        return mistakes;
    }

    /** @param visiting the records being checked, so that a record nested in itself is checked once */
    private static void check(Class<?> type, String prefix, List<String> mistakes, Set<Class<?>> visiting) {
        if (!visiting.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + KeyNames.snakeCase(component.getName());
            String typeMistake = checkType(component.getGenericType(), key, mistakes, visiting);
            if (typeMistake != null) {
                mistakes.add("key `" + key + "`: " + typeMistake);
                continue;
            }
            Default fallback = component.getAnnotation(Default.class);
            if (fallback != null) {
                String defaultMistake = checkDefault(fallback.value(), component.getGenericType());
                if (defaultMistake != null) {
                    mistakes.add("key `" + key + "`: @Default(\"" + fallback.value() + "\") " + defaultMistake);
                }
            } else if (component.getType().isPrimitive() && RecordBinder.isNullable(component)) {
                mistakes.add("key `" + key + "`: a primitive cannot be @Nullable; give it a @Default");
            }
            boolean bounded = component.isAnnotationPresent(Positive.class) || component.isAnnotationPresent(Min.class)
                    || component.isAnnotationPresent(Max.class);
            if (bounded && !isOrdered(component.getType())) {
                mistakes.add("key `" + key + "`: bounds apply only to numbers, durations and sizes");
            } else {
                checkBound(component.getAnnotation(Min.class) == null ? null : component.getAnnotation(Min.class).value(),
                        "@Min", component, key, mistakes);
                checkBound(component.getAnnotation(Max.class) == null ? null : component.getAnnotation(Max.class).value(),
                        "@Max", component, key, mistakes);
            }
        }
    }

    private static void checkBound(@Nullable String bound, String name, RecordComponent component, String key,
            List<String> mistakes) {
        if (bound == null) {
            return;
        }
        try {
            ScalarConverter.convert(ConfigScalar.plainText(ANNOTATION, bound), component.getType());
        } catch (BadValue e) {
            mistakes.add("key `" + key + "`: " + name + "(\"" + bound + "\") is not valid: " + e.getMessage());
        }
    }

    /** Null when Ferry can bind the type; nested records are checked as well. */
    private static @Nullable String checkType(Type type, String key, List<String> mistakes, Set<Class<?>> visiting) {
        Class<?> raw;
        try {
            raw = TypeNames.raw(type);
            if (raw == List.class) {
                return checkType(TypeNames.typeArgument(type, 0), key + ".*", mistakes, visiting);
            }
            if (raw == Map.class) {
                return TypeNames.typeArgument(type, 0) != String.class ? "map keys must be String"
                        : checkType(TypeNames.typeArgument(type, 1), key + ".*", mistakes, visiting);
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (raw.isRecord()) {
            check(raw, key + ".", mistakes, visiting);
            return null;
        }
        return ScalarConverter.handles(raw) ? null : "Ferry cannot bind a " + type.getTypeName();
    }

    private static @Nullable String checkDefault(String text, Type type) {
        Class<?> raw = TypeNames.raw(type);
        return switch (text.strip()) {
            case "[]" -> raw == List.class ? null : "gives a list, but the key is not one";
            case "{}" -> raw == Map.class || raw.isRecord() ? null : "gives a section, but the key is not one";
            default -> {
                if (!ScalarConverter.handles(raw)) {
                    yield "cannot give a " + TypeNames.shortName(type) + "; only \"[]\" or \"{}\" can";
                }
                try {
                    ScalarConverter.convert(ConfigScalar.plainText(ANNOTATION, text), raw);
                    yield null;
                } catch (BadValue e) {
                    yield "is not valid: " + e.getMessage();
                }
            }
        };
    }

    private static boolean isOrdered(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == double.class || type == Double.class || type == Duration.class || type == DataSize.class;
    }
}
