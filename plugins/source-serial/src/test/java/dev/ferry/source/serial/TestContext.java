package dev.ferry.source.serial;

import dev.ferry.api.HealthReporter;
import dev.ferry.api.PluginContext;
import java.nio.file.Path;
import java.time.Clock;

/** What a source sees of the agent in tests that create it without one. */
record TestContext(String name, Path dataDir, Clock clock, HealthReporter health) implements PluginContext {

    @Override
    public String agentId() {
        return "gw-test";
    }

    @Override
    public Path resolve(String configuredPath) {
        return dataDir.resolve(configuredPath).normalize();
    }
}
