package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import dev.ferry.api.config.Durations;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;

/** Checks the {@link Positive}, {@link Min} and {@link Max} a record component declares. */
final class Bounds {

    private static final Origin ANNOTATION = Origin.wholeFile(Path.of("@Min/@Max"));

    private Bounds() {}

    /** What is wrong with the value, e.g. {@code must be > 0, was 0s}; null when it is within bounds. */
    static @Nullable String violation(RecordComponent component, Object value) {
        if (component.isAnnotationPresent(Positive.class) && compare(value, zeroLike(component, value)) <= 0) {
            return "must be > 0, was " + show(value);
        }
        Min min = component.getAnnotation(Min.class);
        if (min != null && compare(value, parse(component, min.value())) < 0) {
            return "must be >= " + min.value() + ", was " + show(value);
        }
        Max max = component.getAnnotation(Max.class);
        if (max != null && compare(value, parse(component, max.value())) > 0) {
            return "must be <= " + max.value() + ", was " + show(value);
        }
        return null;
    }

    static String show(Object value) {
        return value instanceof Duration d ? Durations.format(d) : value.toString();
    }

    private static Object zeroLike(RecordComponent component, Object value) {
        return switch (value) {
            case Integer i -> 0;
            case Long l -> 0L;
            case Double d -> 0.0;
            case Duration d -> Duration.ZERO;
            case DataSize s -> DataSize.ofBytes(0);
            default -> throw notComparable(component);
        };
    }

    private static Object parse(RecordComponent component, String bound) {
        try {
            return ScalarConverter.convert(ConfigScalar.plainText(ANNOTATION, bound), component.getType());
        } catch (BadValue e) {
            throw new IllegalStateException("bad bound \"" + bound + "\" on " + where(component) + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object value, Object bound) {
        return ((Comparable<Object>) value).compareTo(bound);
    }

    private static IllegalStateException notComparable(RecordComponent component) {
        return new IllegalStateException(where(component) + " has a bound but is not a number, duration or size");
    }

    private static String where(RecordComponent component) {
        return component.getDeclaringRecord().getName() + "." + component.getName();
    }
}
