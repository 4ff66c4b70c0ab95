package dev.ferry.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.SinkProvider;
import dev.ferry.api.SourceProvider;
import dev.ferry.log.LogOptions;
import dev.ferry.runtime.config.AgentSettings;
import dev.ferry.runtime.config.ConfigDocs;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ControlSettings;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.SinkSettings;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.config.UpdateSettings;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the user documentation honest: every config key a record declares is documented, every plugin has a
 * README that names its keys, and every example config loads with the real plugins.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([^`]+)`", Pattern.MULTILINE);

    @Test
    void theConfigurationGuideNamesEveryCommonKey() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/configuration.md"));

        for (Class<? extends Record> section : List.of(AgentSettings.class, LogOptions.class, ControlSettings.class,
                UpdateSettings.class, SourceSettings.class, SinkSettings.class)) {
            assertThat(guide).as("docs/configuration.md documents %s", section.getSimpleName())
                    .contains(ConfigDocs.markdownTable(section).lines().skip(2).toArray(String[]::new));
        }
    }

    @Test
    void everyPluginHasAReadmeNamingEachOfItsKeys() throws Exception {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
        for (String type : registry.sourceTypes()) {
            SourceProvider<?> provider = registry.source(type);
            assertReadmeNamesKeys("source", type, provider.configType());
        }
        for (String type : registry.sinkTypes()) {
            SinkProvider<?> provider = registry.sink(type);
            assertReadmeNamesKeys("sink", type, provider.configType());
        }
    }

    @Test
    void everyExampleConfigLoadsWithTheRealPlugins() throws Exception {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
        List<Path> examples;
        try (Stream<Path> files = Files.list(ROOT.resolve("plugins"))) {
            examples = files.map(dir -> dir.resolve("example.yaml")).filter(Files::exists).toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (Path example : examples) {
            LoadedConfig loaded = ConfigLoader.load(example, environmentFor(example), registry);
            assertThat(loaded.sources()).as(example.toString()).isNotEmpty();
        }
    }

    /** A value for each variable the example reads, as a user would export before starting the agent. */
    private static Map<String, String> environmentFor(Path example) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        Matcher m = ENV_REFERENCE.matcher(Files.readString(example));
        while (m.find()) {
            env.put(m.group(1), "example-" + m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return env;
    }

    /** @param kind {@code source} or {@code sink}: a source and a sink may share a type, as the CoAP ones do */
    private static void assertReadmeNamesKeys(String kind, String type, Class<? extends Record> config) throws IOException {
        Path readme = readmeOf(kind, type);
        String text = Files.readString(readme);
        for (String key : keysOf(config)) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(text).as("%s documents key %s of type %s", ROOT.relativize(readme), key, type).contains("`" + leaf + "`");
        }
    }

    /** The plugin's README; for a type built into the agent, the operations guide, which documents it. */
    private static Path readmeOf(String kind, String type) throws IOException {
        Path operations = ROOT.resolve("docs/operations.md");
        if (Files.readString(operations).contains("`type: " + type + "`")) {
            return operations;
        }
        try (Stream<Path> dirs = Files.list(ROOT.resolve("plugins"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(kind + "-")).toList()) {
                Path readme = dir.resolve("README.md");
                if (Files.exists(readme) && Files.readString(readme).contains("`type: " + type + "`")) {
                    return readme;
                }
            }
        }
        throw new AssertionError("no README under plugins/" + kind + "-* names `type: " + type + "`");
    }

    private static List<String> keysOf(Class<? extends Record> config) {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY_ROW.matcher(ConfigDocs.markdownTable(config));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
