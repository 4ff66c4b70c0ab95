package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per bad config under {@code config/bad/}: {@code ferry.yaml} or {@code ferry.toml}, the exact
 * errors expected in {@code expected.txt} (file names relative to the folder), and optionally the environment
 * in {@code env.properties}. A folder with a file named {@code check} is read as {@code ferry check} reads a config:
 * the files it names and the places it writes to as well.
 */
class BadConfigGoldenTest {

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(TestConfigs.resource("bad"))) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedErrors(String name) throws IOException {
        Path dir = TestConfigs.resource("bad/" + name);
        Path file = configFileIn(dir);

        boolean check = Files.exists(dir.resolve("check"));
        ConfigException thrown = catchThrowableOfType(ConfigException.class, () -> {
            if (check) {
                ConfigLoader.check(file, environment(dir), TestConfigs.registry());
            } else {
                ConfigLoader.load(file, environment(dir), TestConfigs.registry());
            }
        });

        assertThat(thrown).as("%s must be refused", name).isNotNull();
        String prefix = dir + dir.getFileSystem().getSeparator();
        List<String> actual = thrown.errors().stream().map(e -> e.toString().replace(prefix, "")).toList();
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(thrown.getMessage().replace(prefix, "")).isEqualTo(String.join("\n", expected));
        assertThat(thrown.getStackTrace()).isEmpty();
    }

    private static Path configFileIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ferry.")).findFirst().orElseThrow();
        }
    }

    private static Map<String, String> environment(Path dir) throws IOException {
        Path file = dir.resolve("env.properties");
        Map<String, String> env = new HashMap<>();
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            properties.forEach((k, v) -> env.put((String) k, (String) v));
        }
        return env;
    }
}
