package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigDocs;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per case under {@code config-cases/}: {@code sink.yaml} (the keys of a coap sink section) and
 * {@code expected.txt}: {@code valid}, or every error the agent reports for it, one per line, each naming its key
 * and the line it is on. The sink section starts at line 6 of the file the agent reads. Also: the example beside
 * the README loads, and the README names every key.
 */
class ConfigCasesTest {

    private static final Path CASES = Path.of("src/test/resources/config-cases");
    private static final String HEAD = """
            agent: {id: gw-01, data_dir: ./data}
            sources:
              boiler: {type: simulated}
            sinks:
              upstream:
                type: coap
            """;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configCase(String name) throws Exception {
        Path folder = CASES.resolve(name);
        String keys = Files.readAllLines(folder.resolve("sink.yaml")).stream().map(l -> "    " + l)
                .collect(Collectors.joining("\n", "", "\n"));
        List<String> expected = Files.readAllLines(folder.resolve("expected.txt")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(outcome(HEAD + keys)).as("outcome of %s", name).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theExampleBesideTheReadmeLoads() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Path.of("example.yaml"), Map.of(),
                PluginRegistry.load(ConfigCasesTest.class.getClassLoader()));
        assertThat(loaded.sinks()).singleElement().satisfies(sink -> assertThat(sink.config()).isInstanceOf(CoapSinkConfig.class));
    }

    @Test
    void theReadmeNamesEveryKey() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("`type: coap`");
        Matcher key = Pattern.compile("^\\| `([^`]+)`", Pattern.MULTILINE).matcher(ConfigDocs.markdownTable(CoapSinkConfig.class));
        while (key.find()) {
            String leaf = key.group(1).substring(key.group(1).lastIndexOf('.') + 1);
            assertThat(readme).as("README names %s", key.group(1)).contains("`" + leaf + "`");
        }
    }

    private static List<String> outcome(String text) throws Exception {
        try {
            ConfigLoader.load(text, "ferry.yaml", ConfigFormat.YAML, Path.of("."), Map.of(),
                    PluginRegistry.load(ConfigCasesTest.class.getClassLoader()));
            return List.of("valid");
        } catch (ConfigException e) {
            return e.errors().stream().map(Object::toString).toList();
        }
    }
}
