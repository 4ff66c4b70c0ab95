package dev.ferry.runtime.config;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import dev.ferry.runtime.config.internal.KeyNames;
import dev.ferry.runtime.config.internal.TypeNames;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the keys of a config record as a Markdown table (key, type, default, description), so plugin
 * READMEs and {@code ferry check --explain} say exactly what the binder accepts.
 */
public final class ConfigDocs {

    private ConfigDocs() {}

    /** One row per key; keys of nested sections are dotted, and those of list or map items use {@code *}. */
    public static String markdownTable(Class<? extends Record> type) {
        StringBuilder out = new StringBuilder("| Key | Type | Default | Description |\n|---|---|---|---|\n");
        rows(type, "", out, new HashSet<>());
        return out.toString();
    }

    /** @param visiting the records on the current path, so that a record nested in itself is listed once */
    private static void rows(Class<?> type, String prefix, StringBuilder out, Set<Class<?>> visiting) {
        if (!visiting.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + KeyNames.snakeCase(component.getName());
            Doc doc = component.getAnnotation(Doc.class);
            out.append("| `").append(key).append("` | ")
                    .append(escape(TypeNames.shortName(component.getGenericType()) + bounds(component))).append(" | ")
                    .append(defaultOf(component)).append(" | ")
                    .append(doc == null ? "" : escape(doc.value())).append(" |\n");
            Class<?> nested = nestedRecord(component.getGenericType());
            if (nested != null) {
                boolean collection = !TypeNames.raw(component.getGenericType()).isRecord();
                rows(nested, key + (collection ? ".*." : "."), out, visiting);
            }
        }
        visiting.remove(type);
    }

    private static @Nullable Class<?> nestedRecord(Type type) {
        Class<?> raw = TypeNames.raw(type);
        if (raw == DataSize.class) {
            return null;   // a record in Java, a scalar such as 64MiB in the file
        }
        if (raw.isRecord()) {
            return raw;
        }
        if (raw == List.class || raw == Map.class) {
            Class<?> item = TypeNames.raw(TypeNames.typeArgument(type, raw == List.class ? 0 : 1));
            return item.isRecord() ? item : null;
        }
        return null;
    }

    private static String defaultOf(RecordComponent component) {
        Default fallback = component.getAnnotation(Default.class);
        if (fallback != null) {
            return "`" + escape(fallback.value()) + "`";
        }
        boolean optional = component.isAnnotationPresent(Nullable.class)
                || component.getAnnotatedType().isAnnotationPresent(Nullable.class);
        return optional ? "optional" : "required";
    }

    private static String bounds(RecordComponent component) {
        List<String> bounds = new ArrayList<>();
        if (component.isAnnotationPresent(Positive.class)) {
            bounds.add("> 0");
        }
        Min min = component.getAnnotation(Min.class);
        if (min != null) {
            bounds.add(">= " + min.value());
        }
        Max max = component.getAnnotation(Max.class);
        if (max != null) {
            bounds.add("<= " + max.value());
        }
        return bounds.isEmpty() ? "" : " (" + String.join(", ", bounds) + ")";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
