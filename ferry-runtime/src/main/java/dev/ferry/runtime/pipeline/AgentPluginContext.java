package dev.ferry.runtime.pipeline;

import dev.ferry.api.HealthReporter;
import dev.ferry.api.PluginContext;
import dev.ferry.api.PluginMetrics;
import dev.ferry.runtime.config.LoadedConfig;
import java.nio.file.Path;
import java.time.Clock;

/** What a plugin instance sees of the agent that runs it. */
record AgentPluginContext(String name, LoadedConfig config, Clock clock, HealthReporter health, PluginMetrics metrics,
        Agent agent) implements PluginContext {

    @Override
    public String agentId() {
        return config.agentId();
    }

    @Override
    public Path dataDir() {
        return config.dataDir();
    }

    @Override
    public Path resolve(String configuredPath) {
        return config.resolve(configuredPath);
    }
}
