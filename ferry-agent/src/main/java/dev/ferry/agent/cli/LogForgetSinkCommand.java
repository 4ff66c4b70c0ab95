package dev.ferry.agent.cli;

import dev.ferry.agent.LogReport;
import dev.ferry.agent.UserError;
import dev.ferry.agent.Plugins;
import dev.ferry.log.DurableLog;
import dev.ferry.runtime.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry log forget-sink NAME}: deletes the position a removed sink kept in the log, so that a sink of that name
 * added later starts afresh from the oldest reading held. Only with the agent stopped, and only for a sink the config
 * no longer has.
 */
@Command(name = "forget-sink", mixinStandardHelpOptions = true,
        description = {"Delete the position in the log of a sink removed from the config. A sink of that name added"
        + " later starts from the oldest reading the log holds instead of resuming. The agent must be stopped."})
final class LogForgetSinkCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "NAME", description = "The sink's name, as `ferry log stats` lists it.")
    String sink;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = config.load(Plugins.registry());
        if (loaded.sinks().stream().anyMatch(configured -> configured.name().equals(sink))) {
            throw new UserError("sink " + sink + " is in the config; remove it from the config first");
        }
        Path dir = LogReport.existingLogDir(loaded);
        try {
            if (!DurableLog.forgetCursor(dir, sink)) {
                throw new UserError("the log in " + dir + " keeps no position for a sink named " + sink
                        + "; `ferry log stats` lists those it keeps");
            }
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        System.out.println("forgot sink " + sink + ": a sink of that name added later starts from the oldest reading held");
        return 0;
    }
}
