package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import java.util.List;

/** A map (YAML mapping, TOML table) with its entries in file order and no duplicate keys. */
public record ConfigMap(Origin origin, List<ConfigEntry> entries) implements ConfigNode {

    public ConfigMap {
        entries = List.copyOf(entries);
    }

    public static ConfigMap empty(Origin origin) {
        return new ConfigMap(origin, List.of());
    }

    public @Nullable ConfigEntry entry(String key) {
        for (ConfigEntry e : entries) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return "a section";
    }
}
