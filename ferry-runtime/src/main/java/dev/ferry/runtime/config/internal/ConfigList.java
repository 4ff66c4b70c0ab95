package dev.ferry.runtime.config.internal;

import java.util.List;

/** A list (YAML sequence, TOML array). */
public record ConfigList(Origin origin, List<ConfigNode> items) implements ConfigNode {

    public ConfigList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
