package dev.ferry.runtime.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalarConverterTest {

    private static final Origin AT = Origin.top(Path.of("t.yaml"));

    @ParameterizedTest
    @CsvSource({"512, 512", "64KiB, 65536", "10MB, 10000000", "64 MiB, 67108864", "1TiB, 1099511627776", "0, 0"})
    void sizesInEveryUnit(String text, long bytes) throws BadValue {
        assertThat(convert(text, DataSize.class)).isEqualTo(DataSize.ofBytes(bytes));
    }

    @Test
    void aTomlIntegerIsASizeInBytes() throws BadValue {
        assertThat(ScalarConverter.convert(new ConfigScalar(AT, "4096", ScalarKind.INTEGER, false), DataSize.class))
                .isEqualTo(DataSize.ofBytes(4096));
    }

    @Test
    void badSizesSayWhatToWrite() {
        assertThatThrownBy(() -> convert("64mib", DataSize.class))
                .hasMessage("not a size: \"64mib\" (write e.g. 512KiB, 64MiB, 1GiB)");
        assertThatThrownBy(() -> convert("1.5GiB", DataSize.class)).hasMessageStartingWith("not a size");
        assertThatThrownBy(() -> convert("99999999999TiB", DataSize.class)).hasMessage("size too large: \"99999999999TiB\"");
        assertThatThrownBy(() -> convert("99999999999999999999", DataSize.class)).hasMessageStartingWith("size too large");
    }

    @Test
    void aBareNumberIsNotADuration() {
        assertThatThrownBy(() -> convert("30", Duration.class)).hasMessage("a duration needs a unit: write 30s or 30ms, not 30");
        assertThatThrownBy(() -> ScalarConverter.convert(new ConfigScalar(AT, "30", ScalarKind.INTEGER, false), Duration.class))
                .hasMessage("a duration needs a unit: write 30s or 30ms, not 30");
    }

    @Test
    void aBooleanIsNeitherDurationNorSize() {
        assertThatThrownBy(() -> convert("true", Duration.class))
                .hasMessage("expected a duration such as 10s, got the boolean true");
        assertThatThrownBy(() -> convert("false", DataSize.class))
                .hasMessage("expected a size such as 64MiB, got the boolean false");
    }

    @Test
    void anIntegerIsANumber() throws BadValue {
        assertThat(convert("3", double.class)).isEqualTo(3.0);
        assertThat(convert("-0.5e2", double.class)).isEqualTo(-50.0);
    }

    private static Object convert(String plainText, Class<?> type) throws BadValue {
        return ScalarConverter.convert(ConfigScalar.plainText(AT, plainText), type);
    }
}
