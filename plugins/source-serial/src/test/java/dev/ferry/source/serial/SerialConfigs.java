package dev.ferry.source.serial;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.plugin.PluginLoadException;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.StdoutStandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads a serial source section with the real config loader, as the agent would. */
final class SerialConfigs {

    static final String SOURCE = "device";

    private SerialConfigs() {}

    /**
     * Loads {@code section} (the keys under the source's name, {@code type: serial} included) as source
     * {@value #SOURCE}; {@code ${PORT}} in it becomes {@code port}.
     */
    static ConfiguredSource load(String section, Path port, Path baseDir) throws ConfigException, PluginLoadException {
        String text = "agent:\n  id: gw-test\n  data_dir: ./data\nsources:\n  " + SOURCE + ":\n"
                + section.stripTrailing().lines().map(line -> "    " + line + "\n").reduce("", String::concat)
                + "sinks:\n  console:\n    type: stdout\n";
        PluginRegistry registry = PluginRegistry.of(List.of(new SerialSourceProvider()), List.of(new StdoutStandIn()));
        return ConfigLoader.load(text, "config.yaml", ConfigFormat.YAML, baseDir, Map.of("PORT", port.toString()), registry)
                .sources().getFirst();
    }
}
