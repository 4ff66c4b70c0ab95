package dev.ferry.runtime.config.internal;

/** Finds where a dotted key path ({@code signals.1.period}) was written, for problems found after binding. */
public final class NodeLookup {

    private NodeLookup() {}

    /**
     * The origin of the deepest part of {@code relativePath} present under {@code section}: the key itself when
     * it is there, else its closest written parent, else {@code fallback}.
     */
    public static Origin originOf(ConfigNode section, String relativePath, Origin fallback) {
        Origin found = fallback;
        ConfigNode node = section;
        for (String part : relativePath.split("\\.")) {
            if (node instanceof ConfigMap map && map.entry(part) != null) {
                ConfigEntry entry = map.entry(part);
                found = entry.keyOrigin();
                node = entry.value();
            } else if (node instanceof ConfigList list && isIndex(part, list)) {
                node = list.items().get(Integer.parseInt(part));
                found = node.origin();
            } else {
                break;
            }
        }
        return found;
    }

    private static boolean isIndex(String part, ConfigList list) {
        return part.matches("\\d{1,9}") && Integer.parseInt(part) < list.items().size();
    }
}
