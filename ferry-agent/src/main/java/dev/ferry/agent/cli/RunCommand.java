package dev.ferry.agent.cli;

import dev.ferry.agent.AgentRun;
import dev.ferry.agent.Plugins;
import dev.ferry.agent.RecentLogLines;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry run}: reads and checks the config, with the same messages as {@code ferry check}, and hands the agent
 * over to {@link AgentRun}, which runs it once the command line is gone.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent until SIGTERM or Ctrl-C. SIGHUP, or a change of the config file, reloads the config.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Longest wait for each stage of a clean stop (sources, sinks). Default: ${DEFAULT-VALUE}.")
    Duration stopTimeout;

    @Option(names = "--take-over",
            description = "Start alongside an agent that is stopping on the same data directory: read and check"
                    + " everything first, then start as soon as the other lets go of it, and log the collection gap.")
    boolean takeOver;

    @Option(names = "--take-over-wait", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "With --take-over, how long to wait for the other agent. Default: ${DEFAULT-VALUE}.")
    Duration takeOverWait;

    @Override
    public Integer call() throws Exception {
        RecentLogLines recentLog = RecentLogLines.teeStandardError();
        PluginRegistry registry = Plugins.registry();
        String text = config.text();
        LoadedConfig fromFile = config.loadToStart(registry);   // as `ferry check` does: the same messages, files read too
        AgentRun.handOver(new AgentRun(config.file, text, config.format(), config.describe(), fromFile, registry,
                recentLog, stopTimeout, takeOver ? takeOverWait : null));
        return 0;
    }
}
