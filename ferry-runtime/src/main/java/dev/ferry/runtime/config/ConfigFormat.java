package dev.ferry.runtime.config;

import dev.ferry.api.Nullable;
import java.nio.file.Path;
import java.util.Locale;

/** The syntaxes a config can be written in; both bind to the same settings. */
public enum ConfigFormat {
    YAML,
    TOML;

    /** By the file's extension: {@code .yaml}/{@code .yml} or {@code .toml}; null for any other. */
    public static @Nullable ConfigFormat ofFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        return name.endsWith(".toml") ? TOML : null;
    }
}
