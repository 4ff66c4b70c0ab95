package dev.ferry.source.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.source.opcua.testserver.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per case under {@code golden/}: {@code config.yaml} (an agent config; {@code ${ENDPOINT}} is the test
 * server's) and either {@code expected-error.txt} (the config errors, {@code key: message} per line) or
 * {@code expected.jsonl} (the distinct readings and malformed reports the source produces, sorted).
 */
class GoldenCasesTest {

    private static final Path CASES = Path.of("src/test/resources/golden");
    private static TestServer server;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(TestServer.freePort(), TestServer.Identity.generate(), Map.of(), List.of());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    static Stream<String> cases() throws Exception {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCase(String name) throws Exception {
        Path dir = CASES.resolve(name);
        Path expectedError = dir.resolve("expected-error.txt");
        if (Files.exists(expectedError)) {
            String expected = Files.readString(expectedError).strip();
            assertThatThrownBy(() -> load(dir)).isInstanceOfSatisfying(ConfigException.class, e ->
                    assertThat(e.errors().stream().map(GoldenCasesTest::render).collect(Collectors.joining("\n")))
                            .isEqualTo(expected));
            return;
        }
        List<String> expected = Files.readAllLines(dir.resolve("expected.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        OpcUaConfig config = (OpcUaConfig) load(dir).sources().getFirst().config();
        try (Harness harness = new Harness(dataDir)) {
            harness.start(config);
            Instant end = Instant.now().plus(Duration.ofSeconds(20));
            while (!produced(harness).containsAll(expected) && Instant.now().isBefore(end)) {
                Thread.sleep(50);
            }
            assertThat(String.join("\n", produced(harness))).isEqualTo(String.join("\n", expected));
        }
    }

    private static LoadedConfig load(Path dir) throws Exception {
        return ConfigLoader.load(dir.resolve("config.yaml"), Map.of("ENDPOINT", server.endpoint()),
                PluginRegistry.load(GoldenCasesTest.class.getClassLoader()));
    }

    private static String render(ConfigError error) {
        return error.keyPath() + ": " + error.message();
    }

    private static TreeSet<String> produced(Harness harness) {
        TreeSet<String> lines = new TreeSet<>();
        harness.readings.forEach(r -> lines.add(render(r)));
        harness.malformed.forEach(m -> lines.add("{\"malformed\":" + quote(m) + "}"));
        return lines;
    }

    private static String render(Reading r) {
        String value = switch (r.value()) {
            case Value.Num n -> Double.toString(n.value());
            case Value.Int i -> Long.toString(i.value());
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Text t -> quote(t.value());
            case Value.Bytes b -> quote(b.toString());
        };
        return "{\"metric\":" + quote(r.metric()) + ",\"value\":" + value
                + (r.unit().isEmpty() ? "" : ",\"unit\":" + quote(r.unit())) + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
