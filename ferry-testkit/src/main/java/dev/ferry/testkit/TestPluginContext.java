package dev.ferry.testkit;

import dev.ferry.api.HealthReporter;
import dev.ferry.api.PluginContext;
import dev.ferry.api.PluginMetrics;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a plugin sees of the agent, for tests that create a source or sink without one: config paths resolve against
 * {@code dataDir}, the agent is {@code gw-test}.
 *
 * @param metrics where the plugin registers its own figures
 */
public record TestPluginContext(String name, Path dataDir, Clock clock, HealthReporter health, PluginMetrics metrics)
        implements PluginContext {

    /** The plugin's figures dropped. */
    public TestPluginContext(String name, Path dataDir, Clock clock, HealthReporter health) {
        this(name, dataDir, clock, health, PluginMetrics.NONE);
    }

    /** The system clock, and health reports dropped. */
    public TestPluginContext(String name, Path dataDir) {
        this(name, dataDir, Clock.systemUTC(), (state, reason) -> {});
    }

    /** Health reports dropped. */
    public TestPluginContext(String name, Path dataDir, Clock clock) {
        this(name, dataDir, clock, (state, reason) -> {});
    }

    @Override
    public String agentId() {
        return "gw-test";
    }

    @Override
    public Path resolve(String configuredPath) {
        return dataDir.resolve(configuredPath).normalize();
    }
}
