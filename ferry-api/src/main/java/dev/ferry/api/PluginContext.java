package dev.ferry.api;

import java.nio.file.Path;
import java.time.Clock;

/** What the runtime gives a plugin when it creates one. */
public interface PluginContext {

    /** The configured name of this source or sink. */
    String name();

    /** The agent's id, as in {@link ReadingId#agent()}. */
    String agentId();

    /** The agent's data directory; a plugin keeps its own state under {@code dataDir()/plugins/<name>}. */
    Path dataDir();

    /** Resolves a path written in the config against the config file's directory. */
    Path resolve(String configuredPath);

    /** The clock to use for timestamps and timing; never read {@link System#currentTimeMillis()} directly. */
    Clock clock();

    HealthReporter health();

    /** Where the plugin offers figures of its own to the agent's metrics; see {@link PluginMetrics}. */
    default PluginMetrics metrics() {
        return PluginMetrics.NONE;
    }
}
