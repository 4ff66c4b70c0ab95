package dev.ferry.runtime.plugin;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;

/** A second source plugin claiming the type {@code simulated}; registered only by the test that wants a clash. */
public final class ClashingSimulatedProvider implements SourceProvider<ClashingSimulatedProvider.Config> {

    public record Config() {}

    @Override
    public String type() {
        return "simulated";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Source create(Config config, PluginContext context) {
        throw new UnsupportedOperationException("never created");
    }
}
