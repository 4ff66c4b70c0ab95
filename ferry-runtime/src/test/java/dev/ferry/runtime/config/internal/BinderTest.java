package dev.ferry.runtime.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.runtime.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinderTest {

    enum Mode { FAST, DROP_OLDEST }

    record Numbers(int count, long total, double ratio, boolean enabled) {}

    record Camel(String dataDir, @Default("1") int maxURLLength) {}

    record Inner(String name, @Default("10s") Duration every) {}

    record Nested(Inner inner, List<Inner> items, Map<String, Integer> weights) {}

    record Optionals(@Nullable String label, @Default("[]") List<String> names, @Default("{}") Map<String, String> tags,
            @Default("drop-oldest") Mode mode, @Default("64MiB") DataSize size) {}

    record Ranged(@Min("1") @Max("65535") int port, @Min("100ms") @Default("1s") Duration pause) {}

    record Checked(int low, int high) {
        Checked {
            if (low > high) {
                throw new IllegalArgumentException("low must not exceed high");
            }
        }
    }

    record Text(String value) {}

    @Test
    void componentsAreBoundByTheirSnakeCaseNames() throws ConfigException {
        assertThat(Binding.yaml("data_dir: /d\nmax_url_length: 9\n", Camel.class)).isEqualTo(new Camel("/d", 9));
    }

    @Test
    void aCamelCaseKeyIsRefusedWithTheSnakeCaseOneSuggested() {
        assertThatThrownBy(() -> Binding.yaml("dataDir: /d\n", Camel.class)).hasMessage("""
                t.yaml:1: data_dir: missing required key
                t.yaml:1: dataDir: unknown key; did you mean `data_dir`?""");
    }

    @Test
    void yamlScalarsAreTypedByTheirTags() throws ConfigException {
        assertThat(Binding.yaml("count: 3\ntotal: -9000000000\nratio: 2\nenabled: true\n", Numbers.class))
                .isEqualTo(new Numbers(3, -9_000_000_000L, 2.0, true));
    }

    @Test
    void quotedNumbersAndYaml11WordsAreNotNumbersOrBooleans() {
        assertThatThrownBy(() -> Binding.yaml("count: \"3\"\ntotal: 1\nratio: 1.5\nenabled: on\n", Numbers.class)).hasMessage("""
                t.yaml:1: count: expected a whole number, got the string "3"
                t.yaml:4: enabled: expected true or false, got the string "on\"""");
    }

    @Test
    void numbersOutOfRangeOfTheirTypeAreRefused() {
        assertThatThrownBy(() -> Binding.yaml("count: 3000000000\ntotal: 99999999999999999999\nratio: .nan\nenabled: false\n",
                Numbers.class)).hasMessage("""
                t.yaml:1: count: must be between -2147483648 and 2147483647, was 3000000000
                t.yaml:2: total: too large for a whole number, was 99999999999999999999
                t.yaml:3: ratio: expected a finite number, got .nan""");
    }

    @Test
    void anUnquotedYamlNumberIsAcceptedAsText() throws ConfigException {
        assertThat(Binding.yaml("value: 1.10\n", Text.class)).isEqualTo(new Text("1.10"));
    }

    @Test
    void aTomlNumberOrBooleanIsTextWhereTextIsWantedAsInYaml() throws ConfigException {
        assertThat(Binding.toml("value = 7\n", Text.class)).isEqualTo(new Text("7"));
        assertThat(Binding.toml("value = true\n", Text.class)).isEqualTo(new Text("true"));
        assertThat(Binding.yaml("value: 7\n", Text.class)).isEqualTo(Binding.toml("value = 7\n", Text.class));
    }

    @Test
    void nestedRecordsListsAndMapsKeepTheirOrder() throws ConfigException {
        Nested bound = Binding.yaml("""
                inner: {name: a}
                items:
                  - name: b
                    every: 1m
                  - name: c
                weights: {z: 1, a: 2, m: 3}
                """, Nested.class);

        assertThat(bound.inner()).isEqualTo(new Inner("a", Duration.ofSeconds(10)));
        assertThat(bound.items()).containsExactly(new Inner("b", Duration.ofMinutes(1)), new Inner("c", Duration.ofSeconds(10)));
        assertThat(bound.weights().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void problemsInsideListsAndMapsNameTheItem() {
        assertThatThrownBy(() -> Binding.yaml("""
                inner: {name: a}
                items:
                  - name: b
                  - every: 1m
                weights: {z: x}
                """, Nested.class)).hasMessage("""
                t.yaml:4: items.1.name: missing required key
                t.yaml:5: weights.z: expected a whole number, got the string "x\"""");
    }

    @Test
    void leftOutKeysTakeTheirDefaultsOrNull() throws ConfigException {
        assertThat(Binding.yaml("", Optionals.class))
                .isEqualTo(new Optionals(null, List.of(), Map.of(), Mode.DROP_OLDEST, DataSize.ofMiB(64)));
    }

    @Test
    void anEmptyYamlValueCountsAsLeftOut() throws ConfigException {
        assertThat(Binding.yaml("label:\nmode:\n", Optionals.class).mode()).isEqualTo(Mode.DROP_OLDEST);
    }

    @Test
    void enumsAreWrittenInKebabCase() throws ConfigException {
        assertThat(Binding.yaml("mode: fast\n", Optionals.class).mode()).isEqualTo(Mode.FAST);
        assertThatThrownBy(() -> Binding.yaml("mode: DROP_OLDEST\n", Optionals.class))
                .hasMessage("t.yaml:1: mode: unknown value \"DROP_OLDEST\"; expected one of: fast, drop-oldest");
    }

    @Test
    void boundsAreCheckedWithTheValueQuoted() {
        assertThatThrownBy(() -> Binding.yaml("port: 70000\npause: 50ms\n", Ranged.class)).hasMessage("""
                t.yaml:1: port: must be <= 65535, was 70000
                t.yaml:2: pause: must be >= 100ms, was 50ms""");
        assertThatThrownBy(() -> Binding.yaml("port: 0\n", Ranged.class)).hasMessage("t.yaml:1: port: must be >= 1, was 0");
    }

    @Test
    void aRecordsOwnCheckIsReportedAtItsSection() {
        assertThatThrownBy(() -> Binding.yaml("low: 5\nhigh: 1\n", Checked.class))
                .hasMessage("t.yaml:1:1: low must not exceed high");
    }

    @Test
    void environmentValuesAreTypedByTheirText() throws ConfigException {
        Map<String, String> env = Map.of("COUNT", "12", "ON", "true");
        assertThat(Binding.yaml("count: ${COUNT}\ntotal: ${TOTAL:-5}\nratio: ${COUNT}\nenabled: ${ON}\n", Numbers.class, env))
                .isEqualTo(new Numbers(12, 5, 12.0, true));
    }

    @Test
    void tomlBindsLikeYaml() throws ConfigException {
        assertThat(Binding.toml("""
                weights = { z = 1, a = 2 }
                [inner]
                name = "a"
                [[items]]
                name = "b"
                every = "1m"
                """, Nested.class))
                .isEqualTo(Binding.yaml("""
                        inner: {name: a}
                        items: [{name: b, every: 1m}]
                        weights: {z: 1, a: 2}
                        """, Nested.class));
    }
}
