package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds config nodes to Java values by the type they must become: scalars, lists, maps and records (see
 * {@link RecordBinder}). Every problem goes to {@link Problems}, and binding goes on past it, so one pass
 * finds all of them.
 */
public final class Binder {

    private final EnvSubstitution env;
    private final Problems problems;
    private final RecordBinder records = new RecordBinder(this);

    public Binder(EnvSubstitution env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** A binder like this one whose problems go nowhere: for stand-in values that only serve further checks. */
    Binder silent() {
        return new Binder(env, new Problems());
    }

    /**
     * Binds a node to a value of {@code type}; null when a problem was reported instead.
     *
     * @param namedAt where the value is named (its key, or the list item), for problems about the value as a whole
     */
    public @Nullable Object bind(ConfigNode node, Type type, String keyPath, Origin namedAt) {
        ConfigNode resolved = resolve(node, keyPath);
        return resolved == null ? null : bindResolved(resolved, type, keyPath, namedAt);
    }

    /** Binds a section to a record; null when a problem was reported instead. */
    public <R extends Record> @Nullable R bindRecord(ConfigMap map, Class<R> type, String keyPath, Origin namedAt) {
        return type.cast(records.bind(map, type, keyPath, namedAt));
    }

    /**
     * Replaces {@code ${VAR}} in a scalar with the environment's value, typed by its text; other nodes are
     * returned as they are. Null when the substitution failed (the problem is reported).
     */
    @Nullable ConfigNode resolve(ConfigNode node, String keyPath) {
        if (!(node instanceof ConfigScalar scalar) || !EnvSubstitution.mentionsVariables(scalar.text())) {
            return node;
        }
        try {
            return ConfigScalar.plainText(scalar.origin(), env.apply(scalar.text()));
        } catch (EnvSubstitution.Failure e) {
            problems.add(scalar.origin(), keyPath, e.getMessage());
            return null;
        }
    }

    /** Like {@link #bind}, for a node whose environment variables were already substituted. */
    @Nullable Object bindResolved(ConfigNode node, Type type, String keyPath, Origin namedAt) {
        Class<?> raw = TypeNames.raw(type);
        if (ScalarConverter.handles(raw)) {
            if (!(node instanceof ConfigScalar scalar)) {
                return wrongShape(node, type, keyPath);
            }
            try {
                return ScalarConverter.convert(scalar, raw);
            } catch (BadValue e) {
                problems.add(scalar.origin(), keyPath, e.getMessage());
                return null;
            }
        }
        if (raw.isRecord()) {
            return node instanceof ConfigMap map ? records.bind(map, raw, keyPath, namedAt) : wrongShape(node, type, keyPath);
        }
        if (raw == List.class) {
            return node instanceof ConfigList list ? bindList(list, TypeNames.typeArgument(type, 0), keyPath)
                    : wrongShape(node, type, keyPath);
        }
        if (raw == Map.class) {
            if (TypeNames.typeArgument(type, 0) != String.class) {
                throw new IllegalStateException("config maps must have String keys, at " + keyPath + ": " + type.getTypeName());
            }
            return node instanceof ConfigMap map ? bindMap(map, TypeNames.typeArgument(type, 1), keyPath)
                    : wrongShape(node, type, keyPath);
        }
        throw new IllegalStateException("unsupported config type " + type.getTypeName() + " at " + keyPath);
    }

    private @Nullable Object bindList(ConfigList list, Type itemType, String keyPath) {
        List<Object> items = new ArrayList<>(list.items().size());
        boolean valid = true;
        for (ConfigNode item : list.items()) {
            Object value = bind(item, itemType, Problems.path(keyPath, Integer.toString(items.size())), item.origin());
            valid &= value != null;
            items.add(value);
        }
        return valid ? Collections.unmodifiableList(items) : null;
    }

    private @Nullable Object bindMap(ConfigMap map, Type valueType, String keyPath) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean valid = true;
        for (ConfigEntry entry : map.entries()) {
            Object value = bind(entry.value(), valueType, Problems.path(keyPath, entry.key()), entry.keyOrigin());
            valid &= value != null;
            values.put(entry.key(), value);
        }
        return valid ? Collections.unmodifiableMap(values) : null;
    }

    private @Nullable Object wrongShape(ConfigNode node, Type type, String keyPath) {
        problems.add(node.origin(), keyPath, "expected " + TypeNames.expected(type) + ", got " + node.describe());
        return null;
    }
}
