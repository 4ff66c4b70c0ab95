package dev.ferry.runtime.config.testplugins;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.api.PluginContext;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Positive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A source plugin shaped like the real simulated one, for binding tests; its source reads nothing. */
public final class SimulatedTestProvider implements SourceProvider<SimulatedTestProvider.Config> {

    public enum Shape { SINE, SQUARE, RANDOM_WALK }

    public record Signal(
            @Doc("Metric name.") String name,
            @Doc("Waveform.") @Default("sine") Shape shape,
            @Doc("Peak value.") @Default("1") double amplitude,
            @Doc("One full cycle.") @Default("1m") @Positive Duration period,
            @Doc("Unit label.") @Nullable String unit) {}

    public record Config(
            @Doc("Signals to generate.") @Default("[]") List<Signal> signals,
            @Doc("Random seed, for repeatable runs.") @Default("42") long seed) {}

    @Override
    public String type() {
        return "simulated";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    /** As a push source sets the device it heard from, so that binding tests see an own tag refused. */
    @Override
    public Set<String> ownTags() {
        return Set.of("device");
    }

    @Override
    public List<ConfigProblem> validate(Config config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.signals().size(); i++) {
            String name = config.signals().get(i).name();
            if (!names.add(name)) {
                problems.add(new ConfigProblem("signals." + i + ".name", "duplicate signal name \"" + name + "\""));
            }
        }
        return problems;
    }

    @Override
    public Source create(Config config, PluginContext context) {
        return (PolledSource) deadline -> List.of();
    }
}
