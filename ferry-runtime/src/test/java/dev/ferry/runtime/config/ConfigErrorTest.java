package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigErrorTest {

    private static final Path FILE = Path.of("conf", "ferry.yaml");

    @Test
    void anErrorAboutAKeyNamesFileLineAndKey() {
        assertThat(new ConfigError(FILE, 12, 5, "sources.boiler.interval", "must be > 0, was 0s"))
                .hasToString("conf/ferry.yaml:12: sources.boiler.interval: must be > 0, was 0s");
    }

    @Test
    void aSyntaxErrorNamesTheColumnInstead() {
        assertThat(new ConfigError(FILE, 3, 7, "", "mapping values are not allowed here"))
                .hasToString("conf/ferry.yaml:3:7: mapping values are not allowed here");
    }

    @Test
    void anErrorAboutTheWholeFileHasNoLine() {
        assertThat(new ConfigError(FILE, 0, 0, "", "no such file")).hasToString("conf/ferry.yaml: no such file");
    }

    @Test
    void theExceptionPrintsOneErrorPerLineWithoutAStackTrace() {
        ConfigException e = new ConfigException(List.of(
                new ConfigError(FILE, 1, 1, "agent.id", "missing required key"),
                new ConfigError(FILE, 9, 3, "sinks", "at least one sink is required")));

        assertThat(e.getMessage()).isEqualTo("""
                conf/ferry.yaml:1: agent.id: missing required key
                conf/ferry.yaml:9: sinks: at least one sink is required""");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.errors()).hasSize(2);
    }

    @Test
    void anExceptionWithoutErrorsIsABug() {
        assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
