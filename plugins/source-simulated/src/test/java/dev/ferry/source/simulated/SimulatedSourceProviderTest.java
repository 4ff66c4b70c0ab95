package dev.ferry.source.simulated;

import static dev.ferry.source.simulated.SimulatedSourceTest.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.ConfigProblem;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.StdoutStandIn;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedSourceProviderTest {

    private final SimulatedSourceProvider provider = new SimulatedSourceProvider();

    @Test
    void isFoundByServiceLoaderAsTypeSimulated() throws Exception {
        PluginRegistry found = PluginRegistry.load(getClass().getClassLoader());
        assertThat(found.source("simulated")).isInstanceOf(SimulatedSourceProvider.class);
    }

    @Test
    void aSoundConfigHasNoProblems() {
        assertThat(provider.validate(new SimulatedConfig(1, List.of()))).isEmpty();
        assertThat(provider.validate(new SimulatedConfig(1, List.of(
                signal("a", Shape.COUNTER, 0, Duration.ofSeconds(1), 3, 2),
                new SignalConfig("b", Shape.SINE, 1, Duration.ofSeconds(1), 0, 1, "", new FaultConfig(0.5, 0.25, Duration.ofSeconds(1), 0.25))))))
                .isEmpty();
    }

    @Test
    void problemsNameTheKeyAndTheValue() {
        List<ConfigProblem> problems = provider.validate(new SimulatedConfig(1, List.of(
                signal("a", Shape.SINE, 1, Duration.ofSeconds(1), 0, 1),
                signal("a", Shape.SINE, -1, Duration.ZERO, 0, 1),
                signal("c", Shape.COUNTER, 0, Duration.ofSeconds(1), 0.5, 1.5),
                signal("d", Shape.STEP, 1, Duration.ofSeconds(1), 0, 0),
                new SignalConfig("e", Shape.SINE, 1, Duration.ofSeconds(1), 0, 1, "", new FaultConfig(1.5, -0.1, Duration.ZERO, 0)),
                new SignalConfig("f", Shape.SINE, 1, Duration.ofSeconds(1), 0, 1, "", new FaultConfig(0.5, 0.5, Duration.ofSeconds(1), 0.5)))));

        assertThat(problems).containsExactly(
                new ConfigProblem("signals.1.name", "duplicate signal name \"a\"; each signal needs its own name, as it becomes the metric name"),
                new ConfigProblem("signals.1.period", "must be > 0, was 0s"),
                new ConfigProblem("signals.1.amplitude", "must be a finite number >= 0, was -1.0"),
                new ConfigProblem("signals.2.step", "must be a whole number for shape counter, was 1.5"),
                new ConfigProblem("signals.2.offset", "must be a whole number for shape counter, was 0.5"),
                new ConfigProblem("signals.3.step", "must be > 0 for shape step, was 0.0"),
                new ConfigProblem("signals.4.faults.error_rate", "must be between 0 and 1, was 1.5"),
                new ConfigProblem("signals.4.faults.hang_rate", "must be between 0 and 1, was -0.1"),
                new ConfigProblem("signals.4.faults.hang_for", "must be > 0, was 0s"),
                new ConfigProblem("signals.5.faults", "error_rate + hang_rate + malformed_rate must be at most 1, was 1.5; a read has at most one fault"));
    }

    @Test
    void theExampleConfigLoadsWithEveryKeyBound() throws Exception {
        LoadedConfig config = ConfigLoader.load(Path.of("example.yaml"), Map.of(),
                PluginRegistry.of(List.of(provider), List.of(new StdoutStandIn())));
        assertThat(config.sources()).isNotEmpty();
        for (ConfiguredSource source : config.sources()) {
            assertThat(source.provider()).isSameAs(provider);
            assertThat(provider.validate((SimulatedConfig) source.config())).isEmpty();
        }
        SimulatedConfig boiler = (SimulatedConfig) config.sources().getFirst().config();
        assertThat(boiler.signals()).extracting(SignalConfig::shape).contains(Shape.values());
        assertThat(boiler.signals()).anySatisfy(s -> assertThat(s.faults()).isNotNull());
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Class<? extends Record> type : List.of(SimulatedConfig.class, SignalConfig.class, FaultConfig.class)) {
            for (String key : keys(type)) {
                assertThat(readme).as("README documents %s.%s", type.getSimpleName(), key).contains("`" + key + "`");
            }
        }
    }

    static List<String> keys(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
        }
        return keys;
    }
}
