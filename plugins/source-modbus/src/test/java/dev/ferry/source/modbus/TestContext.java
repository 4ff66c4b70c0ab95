package dev.ferry.source.modbus;

import dev.ferry.api.HealthReporter;
import dev.ferry.api.PluginContext;
import java.nio.file.Path;
import java.time.Clock;

/** A plugin context for creating a source outside an agent. */
record TestContext(String name, Path dataDir, Clock clock) implements PluginContext {

    TestContext(String name, Path dataDir) {
        this(name, dataDir, Clock.systemUTC());
    }

    @Override
    public String agentId() {
        return "gw-test";
    }

    @Override
    public Path resolve(String configuredPath) {
        return dataDir.resolve(configuredPath).normalize();
    }

    @Override
    public HealthReporter health() {
        return (state, reason) -> {};
    }
}
