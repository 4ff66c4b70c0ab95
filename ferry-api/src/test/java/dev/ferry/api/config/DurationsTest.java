package dev.ferry.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, PT0.25S",
        "10s, PT10S",
        "5m, PT5M",
        "1h, PT1H",
        "7d, PT168H",
        "1m30s, PT1M30S",
        "1h0m5s, PT1H5S",
        "1s500ms, PT1.5S",
        "100us, PT0.0001S",
        "15ns, PT0.000000015S",
        "0s, PT0S",
        "-5s, PT-5S",
        "' 10s ', PT10S",
        "10 s, PT10S",
        "1m 30s, PT1M30S",
        "1 h 30 m, PT1H30M"
    })
    void parsesWholeNumbersWithUnits(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "s", "1 0s", "10sec", "1.5s", "10S", "1h1h", "30s1m", "5ms1s", "1m30 s 5", "ten seconds"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration: \"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10", "-3"})
    void aBareNumberAsksForAUnit(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .hasMessage("a duration needs a unit: write " + text + "s or " + text + "ms, not " + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999999s", "106751991167301d"})
    void refusesDurationsTooLongForJava(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage("duration too long: \"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT1M30S, 1m30s", "PT0.25S, 250ms", "PT36H, 1d12h", "PT-5S, -5s", "PT1.000000001S, 1s1ns"})
    void formatsTheWayItParses(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
    }

    @Property
    void formatThenParseIsTheSameDuration(@ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long nanos,
            @ForAll @LongRange(min = 0, max = 100_000) long days) {
        Duration duration = Duration.ofDays(days).plusNanos(nanos);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
