package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.PolledSource;
import dev.ferry.api.config.DataSize;
import dev.ferry.log.LogOptions;
import dev.ferry.log.OverflowPolicy;
import dev.ferry.runtime.config.testplugins.FileTestProvider;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.config.testplugins.SimulatedTestProvider;
import dev.ferry.runtime.config.testplugins.SimulatedTestProvider.Shape;
import dev.ferry.runtime.config.testplugins.SimulatedTestProvider.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Map<String, String> ENV = Map.of("BATCH_SIZE", "128");

    @Test
    void yamlBindsEveryKindOfKey() throws ConfigException {
        Path file = TestConfigs.resource("good/full.yaml");
        LoadedConfig config = ConfigLoader.load(file, ENV, TestConfigs.registry());

        assertThat(config.file()).isEqualTo(file);
        assertThat(config.agentId()).isEqualTo("gw-01");
        assertThat(config.dataDir()).isEqualTo(file.getParent().resolve("data"));
        assertThat(config.log()).isEqualTo(LogOptions.defaults()
                .withSegmentSize(DataSize.ofMiB(16))
                .withMaxAge(Duration.ofHours(36))
                .withOverflow(OverflowPolicy.BLOCK));

        assertThat(config.sources()).extracting(ConfiguredSource::name).containsExactly("boiler", "pump");
        ConfiguredSource boiler = config.sources().getFirst();
        assertThat(boiler.settings()).isEqualTo(new SourceSettings("simulated", Duration.ofMillis(10), Duration.ZERO,
                Duration.ofMillis(250), Map.of("site", "plant-7", "line", "3"), 10, Duration.ofMinutes(1)));
        assertThat(boiler.settings().tags().keySet()).containsExactly("site", "line");
        assertThat(boiler.config()).isEqualTo(new SimulatedTestProvider.Config(List.of(
                new Signal("temperature", Shape.RANDOM_WALK, 2.0, Duration.ofSeconds(90), "degC"),
                new Signal("pressure", Shape.SINE, 1.0, Duration.ofMinutes(1), null)), 7));
        assertThat(boiler.provider()).isInstanceOf(SimulatedTestProvider.class);

        ConfiguredSink out = config.sinks().getFirst();
        assertThat(out.settings()).isEqualTo(new SinkSettings("file", 128, Duration.ofSeconds(1), Duration.ofSeconds(15), SinkSettings.Drain.OLDEST_FIRST,
                SinkSettings.OnRefused.DEAD_LETTER, dev.ferry.api.config.DataSize.ofMiB(64)));
        assertThat(out.config()).isEqualTo(new FileTestProvider.Config("./out/readings.jsonl", DataSize.parse("1GiB"),
                FileTestProvider.Format.JSON_LINES, true));
    }

    @Test
    void tomlTwinBindsToTheSameConfig() throws ConfigException {
        PluginRegistry registry = TestConfigs.registry();
        LoadedConfig yaml = ConfigLoader.load(TestConfigs.resource("good/full.yaml"), ENV, registry);
        LoadedConfig toml = ConfigLoader.load(TestConfigs.resource("good/full.toml"), ENV, registry);

        assertThat(toml.file().getFileName()).hasToString("full.toml");
        assertThat(toml).usingRecursiveComparison().ignoringFields("file").isEqualTo(yaml);
        assertThat(toml.sources()).isEqualTo(yaml.sources());
        assertThat(toml.sinks()).isEqualTo(yaml.sinks());
    }

    @Test
    void environmentValuesOverrideDefaultsInTheFile() throws ConfigException {
        LoadedConfig config = ConfigLoader.load(TestConfigs.resource("good/full.yaml"),
                Map.of("BATCH_SIZE", "64", "GATEWAY_ID", "press-3"), TestConfigs.registry());

        assertThat(config.agentId()).isEqualTo("press-3");
        assertThat(config.sinks().getFirst().settings().batchSize()).isEqualTo(64);
    }

    @Test
    void leftOutLogSectionTakesTheDefaults() throws ConfigException {
        LoadedConfig config = loadYaml("""
                agent: {id: gw, data_dir: /var/lib/ferry}
                sources: {s: {type: simulated}}
                sinks: {o: {type: file, path: out.jsonl}}
                """, Path.of("/etc/ferry"));

        assertThat(config.log()).isEqualTo(LogOptions.defaults());
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/ferry"));
        assertThat(config.resolve("out.jsonl")).isEqualTo(Path.of("/etc/ferry/out.jsonl"));
    }

    @Test
    void textIsLoadedWithItsDisplayNameAndBaseDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> loadYaml("agent: {id: gw}\n", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedded.yaml:1: agent.data_dir: missing required key");
    }

    @Test
    void aConfiguredSourceIsCreatedByItsPlugin() throws Exception {
        LoadedConfig config = ConfigLoader.load(TestConfigs.resource("good/full.yaml"), ENV, TestConfigs.registry());

        assertThat(config.sources().getFirst().create(null)).isInstanceOf(PolledSource.class);
    }

    @Test
    void aMissingFileIsOneClearError(@TempDir Path dir) {
        Path missing = dir.resolve("ferry.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), TestConfigs.registry()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void anUnknownExtensionIsRefused(@TempDir Path dir) {
        Path json = dir.resolve("ferry.json");
        assertThatThrownBy(() -> ConfigLoader.load(json, Map.of(), TestConfigs.registry()))
                .hasMessage(json + ": cannot tell the config format; name the file *.yaml, *.yml or *.toml");
    }

    private static LoadedConfig loadYaml(String text, Path baseDir) throws ConfigException {
        return ConfigLoader.load(text, "embedded.yaml", ConfigFormat.YAML, baseDir, Map.of(), TestConfigs.registry());
    }
}
