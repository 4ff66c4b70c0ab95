package dev.ferry.runtime.config;

import dev.ferry.api.Nullable;
import dev.ferry.log.LogOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A config that was read, bound and validated as a whole: everything the agent needs to start.
 *
 * @param file the file it was read from, or the display name of a config given as text
 * @param baseDir the directory relative paths in the config are resolved against
 * @param dataDir {@code agent.data_dir}, resolved against {@code baseDir}
 * @param logLevel {@code agent.log_level}; the environment and the command line may override it
 * @param log the {@code log:} section, its defaults when the section is left out
 * @param watchConfig {@code agent.watch_config}: reload when the file changes
 * @param management the {@code management:} section, its defaults when the section is left out
 * @param control the {@code control:} section; null without one
 * @param update the {@code update:} section; null without one, and then the agent installs no update
 * @param sources in the order they were written
 * @param sinks in the order they were written
 * @param warnings what is allowed but probably not meant, placed like errors; {@code ferry check} and
 *     {@code ferry run} print them
 */
public record LoadedConfig(
        Path file,
        Path baseDir,
        String agentId,
        Path dataDir,
        LogLevel logLevel,
        boolean watchConfig,
        LogOptions log,
        ManagementSettings management,
        @Nullable ControlSettings control,
        @Nullable UpdateSettings update,
        List<ConfiguredSource> sources,
        List<ConfiguredSink> sinks,
        List<ConfigError> warnings) {

    public LoadedConfig {
        sources = List.copyOf(sources);
        sinks = List.copyOf(sinks);
        warnings = List.copyOf(warnings);
    }

    /** Where the durable log lives: {@code data_dir/log}. */
    public Path logDir() {
        return dataDir.resolve("log");
    }

    /** Resolves a path written in the config (e.g. a sink's {@code path}) against {@link #baseDir()}. */
    public Path resolve(String configuredPath) {
        return baseDir.resolve(configuredPath).normalize();
    }
}
