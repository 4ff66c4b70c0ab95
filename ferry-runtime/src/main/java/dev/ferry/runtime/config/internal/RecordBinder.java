package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a section to a record by its components: the key of {@code dataDir} is {@code data_dir}. A key left
 * out takes its {@link Default}, or null when the component is {@link Nullable}; any other is required.
 * Keys the record does not have are refused, with the closest known key as a hint.
 */
final class RecordBinder {

    private static final Pattern KEYED_MESSAGE = Pattern.compile("([A-Za-z0-9_.-]+): (.+)", Pattern.DOTALL);

    private final Binder binder;

    RecordBinder(Binder binder) {
        this.binder = binder;
    }

    /** The names of a record's keys as written in the file, in declaration order. */
    static List<String> keysOf(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(c -> KeyNames.snakeCase(c.getName())).toList();
    }

    @Nullable Object bind(ConfigMap map, Class<?> type, String keyPath, Origin namedAt) {
        Problems problems = binder.problems();
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        boolean valid = true;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String key = KeyNames.snakeCase(component.getName());
            String path = Problems.path(keyPath, key);
            ConfigEntry entry = map.entry(key);
            ConfigNode node = entry == null ? null : binder.resolve(entry.value(), path);
            if (entry != null && node == null) {
                valid = false;
                continue;
            }
            Origin at;
            Object value;
            if (node == null || (node instanceof ConfigScalar s && s.isNull())) {
                Default fallback = component.getAnnotation(Default.class);
                if (fallback != null) {
                    at = namedAt;
                    value = binder.bindResolved(defaultNode(fallback.value(), at), component.getGenericType(), path, at);
                } else if (isNullable(component)) {
                    continue;
                } else {
                    problems.add(namedAt, path, "missing required key");
                    valid = false;
                    continue;
                }
            } else {
                at = node.origin();
                value = binder.bindResolved(node, component.getGenericType(), path, entry.keyOrigin());
            }
            String violation = value == null ? null : Bounds.violation(component, value);
            if (violation != null) {
                problems.add(at, path, violation);
            }
            valid &= value != null && violation == null;
            args[i] = value;
        }
        valid &= refuseUnknownKeys(map, type, keyPath);
        return valid ? construct(type, components, args, map, keyPath, namedAt) : null;
    }

    private boolean refuseUnknownKeys(ConfigMap map, Class<?> type, String keyPath) {
        List<String> known = keysOf(type);
        boolean none = true;
        for (ConfigEntry entry : map.entries()) {
            if (!known.contains(entry.key())) {
                binder.problems().add(entry.keyOrigin(), Problems.path(keyPath, entry.key()), unknownKey(entry.key(), known));
                none = false;
            }
        }
        return none;
    }

    /** "unknown key; did you mean `interval`?", or the list of known keys when none is close. */
    static String unknownKey(String key, List<String> known) {
        String suggestion = Suggestions.closest(key, known);
        if (suggestion != null) {
            return "unknown key; did you mean `" + suggestion + "`?";
        }
        return known.isEmpty() ? "unknown key; this section takes no keys" : "unknown key; known keys: " + String.join(", ", known);
    }

    private static ConfigNode defaultNode(String text, Origin at) {
        return switch (text.strip()) {
            case "[]" -> new ConfigList(at, List.of());
            case "{}" -> ConfigMap.empty(at);
            // An empty default is the empty string (a unit-less value, no prefix), not a missing value.
            case "" -> new ConfigScalar(at, "", ScalarKind.STRING, false);
            default -> ConfigScalar.plainText(at, text);
        };
    }

    static boolean isNullable(RecordComponent component) {
        return component.isAnnotationPresent(Nullable.class) || component.getAnnotatedType().isAnnotationPresent(Nullable.class);
    }

    /**
     * Reports a message from a record's constructor. One that starts with the key it is about
     * ({@code log.max_bytes: must be ...}) is placed at that key rather than at the section.
     */
    private void reportRefusal(String message, ConfigMap map, String keyPath, Origin namedAt) {
        // a record may refuse several values at once, one line each
        for (String line : message.split("\n")) {
            reportOneRefusal(line, map, keyPath, namedAt);
        }
    }

    private void reportOneRefusal(String message, ConfigMap map, String keyPath, Origin namedAt) {
        Matcher keyed = KEYED_MESSAGE.matcher(message);
        if (keyed.matches() && keyed.group(1).startsWith(keyPath + ".")) {
            String relative = keyed.group(1).substring(keyPath.length() + 1);
            binder.problems().add(NodeLookup.originOf(map, relative, namedAt), keyed.group(1), keyed.group(2));
        } else {
            binder.problems().add(namedAt, keyPath, message);
        }
    }

    private @Nullable Object construct(Class<?> type, RecordComponent[] components, Object[] args, ConfigMap map,
            String keyPath, Origin namedAt) {
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        for (int i = 0; i < components.length; i++) {
            if (args[i] == null && parameterTypes[i].isPrimitive()) {
                throw new IllegalStateException(type.getName() + "." + components[i].getName()
                        + " is a primitive and cannot be @Nullable; give it a @Default");
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.trySetAccessible();
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // The record's own checks refused the values, e.g. a cross-field rule in its compact constructor.
            Throwable cause = e.getCause();
            reportRefusal(cause.getMessage() == null ? cause.toString() : cause.getMessage(), map, keyPath, namedAt);
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct config record " + type.getName(), e);
        }
    }
}
