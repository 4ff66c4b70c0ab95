package dev.ferry.source.coap;

import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.StdoutStandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads a {@code coap} source section with the real config loader, as the agent would. */
final class IngressConfigs {

    static final String SOURCE = "devices";

    private IngressConfigs() {}

    /** Loads {@code section} (the keys under the source's name, {@code type: coap} included) as source {@value #SOURCE}. */
    static ConfiguredSource load(String section, Path baseDir) throws Exception {
        String text = "agent:\n  id: gw-test\n  data_dir: ./data\nsources:\n  " + SOURCE + ":\n"
                + section.stripTrailing().lines().map(line -> "    " + line + "\n").reduce("", String::concat)
                + "sinks:\n  console:\n    type: stdout\n";
        PluginRegistry registry = PluginRegistry.of(List.of(new CoapSourceProvider()), List.of(new StdoutStandIn()));
        return ConfigLoader.load(text, "config.yaml", ConfigFormat.YAML, baseDir, Map.of(), registry).sources().getFirst();
    }
}
