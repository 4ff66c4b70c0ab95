package dev.ferry.runtime.config.text;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.ConfigTreeReader;
import dev.ferry.runtime.config.internal.Problems;
import java.nio.file.Path;

/** YAML through SnakeYAML Engine, TOML through tomlj. */
public final class TextTreeReader implements ConfigTreeReader {

    @Override
    public ConfigMap read(String text, Path file, ConfigFormat format, Problems problems) throws ConfigException {
        return switch (format) {
            case YAML -> YamlTreeReader.read(text, file, problems);
            case TOML -> TomlTreeReader.read(text, file, problems);
        };
    }
}
