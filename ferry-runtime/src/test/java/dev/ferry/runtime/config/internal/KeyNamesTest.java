package dev.ferry.runtime.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyNamesTest {

    @ParameterizedTest
    @CsvSource({
        "id, id",
        "dataDir, data_dir",
        "cursorFlushInterval, cursor_flush_interval",
        "maxURLLength, max_url_length",
        "tlsCAFile, tls_ca_file",
        "retry2Max, retry2_max",
        "mqttV5, mqtt_v5"
    })
    void componentNamesBecomeSnakeCase(String camel, String snake) {
        assertThat(KeyNames.snakeCase(camel)).isEqualTo(snake);
    }

    @ParameterizedTest
    @CsvSource({"NANOSECONDS, nanoseconds", "MILLISECONDS, milliseconds"})
    void enumConstantsBecomeKebabCase(TimeUnit unit, String kebab) {
        assertThat(KeyNames.kebabCase(unit)).isEqualTo(kebab);
    }

    @ParameterizedTest
    @CsvSource({"DROP_OLDEST, drop-oldest", "BLOCK, block"})
    void underscoresBecomeHyphens(dev.ferry.log.OverflowPolicy policy, String kebab) {
        assertThat(KeyNames.kebabCase(policy)).isEqualTo(kebab);
    }
}
