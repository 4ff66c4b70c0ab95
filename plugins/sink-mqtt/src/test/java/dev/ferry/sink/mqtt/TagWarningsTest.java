package dev.ferry.sink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.StdoutStandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A topic's {@code {tag:NAME}} for a tag some source does not guarantee is a warning at the topic's line, not an error. */
class TagWarningsTest {

    private static LoadedConfig load(String sources) throws Exception {
        String yaml = """
                agent: {id: gw, data_dir: ./data}
                sources:
                %s
                sinks:
                  cloud:
                    type: mqtt
                    url: mqtt://127.0.0.1:1883
                    topic: "tenants/{tag:tenant}/{tag:line}/{metric}"
                """.formatted(sources.indent(2).stripTrailing());
        PluginRegistry registry = PluginRegistry.of(List.of(new TestSourceProvider()), List.of(new MqttSinkProvider(), new StdoutStandIn()));
        return ConfigLoader.load(yaml, "ferry.yaml", ConfigFormat.YAML, Path.of("/tmp"), Map.of(), registry);
    }

    @Test
    void aTagThatSomeSourceDoesNotSetIsWarnedAboutAtTheTopic() throws Exception {
        LoadedConfig loaded = load("""
                tagged: {type: test, tags: {tenant: acme, line: "3"}}
                bare: {type: test, tags: {line: "4"}}
                other: {type: test}""");
        assertThat(loaded.warnings()).extracting(ConfigError::toString).containsExactly(
                "ferry.yaml:10: sinks.cloud.topic: {tag:line}: source other may produce readings without tag `line`; set it"
                        + " in its `tags:`, or such readings get the sink's placeholder in its place",
                "ferry.yaml:10: sinks.cloud.topic: {tag:tenant}: sources bare, other may produce readings without tag"
                        + " `tenant`; set it in their `tags:`, or such readings get the sink's placeholder in its place");
    }

    @Test
    void noWarningWhenEverySourceSetsTheTags() throws Exception {
        LoadedConfig loaded = load("""
                a: {type: test, tags: {tenant: acme, line: "3"}}
                b: {type: test, tags: {tenant: beta, line: "4"}}""");
        assertThat(loaded.warnings()).isEmpty();
    }
}
