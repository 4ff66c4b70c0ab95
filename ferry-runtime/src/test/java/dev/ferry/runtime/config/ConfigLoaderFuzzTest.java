package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz targets for config files, YAML and TOML, read by {@link ConfigLoader} as {@code ferry run} and
 * {@code ferry check} read them (without the certificates and ports a check goes on to try). Whatever the bytes, the
 * loader returns a config or throws a {@link ConfigException} whose errors each name the file, a line within it (0
 * for the whole file) and a message. Any other exception, a config accepted without an agent, a source or a sink, or
 * an input that takes longer than the timeout, is a finding.
 *
 * <p>A normal build runs each target over the inputs in {@code src/test/resources/dev/ferry/runtime/config/
 * ConfigLoaderFuzzTestInputs/<method>/} (seeds and every crash found so far); {@code bin/fuzz} fuzzes them for real
 * and writes a crashing input there. The seeds are the configs of the loader's own tests, good and bad, with the test
 * plugins {@code simulated} and {@code file}; {@code ${BATCH_SIZE}} is set, other variables are not.
 */
class ConfigLoaderFuzzTest {

    private static final Map<String, String> ENV = Map.of("BATCH_SIZE", "128");

    @TempDir
    static Path dir;

    private static PluginRegistry registry;

    @BeforeAll
    static void plugins() {
        registry = TestConfigs.registry();
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void yaml(byte[] file) throws IOException {
        load(dir.resolve("ferry.yaml"), file);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void toml(byte[] file) throws IOException {
        load(dir.resolve("ferry.toml"), file);
    }

    /** The seeds are what they claim: the full and minimal configs load, in either format. */
    @Test
    void theGoodSeedsLoad() throws Exception {
        for (String seed : List.of("yaml/full.yaml", "yaml/minimal.yaml", "toml/full.toml", "toml/minimal.toml")) {
            Path file = dir.resolve("ferry." + seed.substring(seed.lastIndexOf('.') + 1));
            Files.write(file, seed(seed));
            assertThat(ConfigLoader.load(file, ENV, registry).sources()).as(seed).isNotEmpty();
        }
    }

    private static void load(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        try {
            LoadedConfig config = ConfigLoader.load(file, ENV, registry);
            assertThat(config.agentId()).isNotBlank();
            assertThat(config.sources()).isNotEmpty();
            assertThat(config.sinks()).isNotEmpty();
        } catch (ConfigException e) {
            long lines = content.length == 0 ? 1 : new String(content, StandardCharsets.UTF_8).lines().count() + 1;
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.file()).isEqualTo(file);
                assertThat(error.line()).as("line of " + error).isBetween(0, (int) lines);
                assertThat(error.column()).as("column of " + error).isNotNegative();
                assertThat(error.keyPath()).isNotNull();
                assertThat(error.message()).as("message of " + error).isNotBlank();
            });
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = ConfigLoaderFuzzTest.class.getResourceAsStream("ConfigLoaderFuzzTestInputs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
