package dev.ferry.source.simulated;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import dev.ferry.source.simulated.internal.SimulatedSource;
import java.util.List;

/** {@code type: simulated}: deterministic test signals with injectable faults, for demos, tests and benchmarks. */
public final class SimulatedSourceProvider implements SourceProvider<SimulatedConfig> {

    @Override
    public String type() {
        return "simulated";
    }

    @Override
    public Class<SimulatedConfig> configType() {
        return SimulatedConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(SimulatedConfig config) {
        return SimulatedConfigCheck.problems(config);
    }

    @Override
    public Source create(SimulatedConfig config, PluginContext context) {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.getFirst();
            throw new IllegalArgumentException("sources." + context.name() + "." + first.key() + ": " + first.message());
        }
        return new SimulatedSource(context.name(), config, context.clock());
    }
}
