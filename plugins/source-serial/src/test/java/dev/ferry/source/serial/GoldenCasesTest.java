package dev.ferry.source.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.TestPluginContext;
import dev.ferry.testkit.serial.PtyPair;
import dev.ferry.api.Source;
import dev.ferry.api.StreamingSource;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfiguredSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per case under {@code golden/}: {@code config.yaml} (the source's section; {@code ${PORT}} is the
 * pseudo-terminal), what the device sends ({@code input}, raw, or {@code input.hex}, hex bytes with {@code #}
 * comments), and either {@code expected.jsonl} (readings and malformed reports, in order) or
 * {@code expected-error.txt} (the config errors, one {@code key: message} per line).
 */
class GoldenCasesTest {

    private static final Path CASES = Path.of("src/test/resources/golden");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> folders = Files.list(CASES)) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCase(String name) throws Exception {
        Path folder = CASES.resolve(name);
        String section = Files.readString(folder.resolve("config.yaml"));
        Path expectedError = folder.resolve("expected-error.txt");
        if (Files.exists(expectedError)) {
            assertThatThrownBy(() -> SerialConfigs.load(section, dir.resolve("dev"), dir))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(errors(e))
                            .isEqualTo(text(expectedError)));
            return;
        }
        List<String> expected = Files.readAllLines(folder.resolve("expected.jsonl")).stream()
                .filter(line -> !line.isBlank()).toList();
        try (PtyPair pty = PtyPair.start(dir)) {
            ConfiguredSource configured = SerialConfigs.load(section, pty.device(), dir);
            RecordingEmitter emitter = new RecordingEmitter();
            Source source = configured.create(new TestPluginContext(SerialConfigs.SOURCE, dir, CLOCK, (state, reason) -> {}));
            Thread runner = Thread.ofVirtual().start(() -> {
                try {
                    ((StreamingSource) source).start(emitter);
                } catch (Exception e) {
                    emitter.malformed("start failed: " + e);
                }
            });
            pty.write(input(folder));
            await().atMost(Duration.ofSeconds(20)).until(() -> emitter.events().size() >= expected.size());
            source.close();
            runner.join(Duration.ofSeconds(5));
            // Readings are emitted once per chunk read, malformed reports at once: each kind keeps its order.
            assertThat(readingsOf(emitter.events())).as("readings of golden case %s", name).isEqualTo(readingsOf(expected));
            assertThat(malformedOf(emitter.events())).as("malformed of golden case %s", name).isEqualTo(malformedOf(expected));
            assertThat(emitter.readings()).allSatisfy(r -> {
                assertThat(r.time()).isEqualTo(CLOCK.instant());
                assertThat(r.source()).isEqualTo(SerialConfigs.SOURCE);
            });
        }
    }

    private static List<String> readingsOf(List<String> events) {
        return events.stream().filter(e -> !e.startsWith("{\"malformed\"")).toList();
    }

    private static List<String> malformedOf(List<String> events) {
        return events.stream().filter(e -> e.startsWith("{\"malformed\"")).toList();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String errors(ConfigException e) {
        return e.errors().stream().map(error -> error.keyPath() + ": " + error.message()).collect(Collectors.joining("\n"));
    }

    private static byte[] input(Path folder) throws IOException {
        Path hex = folder.resolve("input.hex");
        if (Files.exists(hex)) {
            String digits = Files.readAllLines(hex).stream()
                    .map(line -> line.replaceAll("#.*", "").replaceAll("\\s+", ""))
                    .collect(Collectors.joining());
            return HexFormat.of().parseHex(digits);
        }
        return Files.readAllBytes(folder.resolve("input"));
    }
}
