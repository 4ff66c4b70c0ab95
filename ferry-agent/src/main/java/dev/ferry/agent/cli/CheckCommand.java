package dev.ferry.agent.cli;

import dev.ferry.agent.Plugins;
import dev.ferry.runtime.config.LoadedConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry check}: validates a config without starting anything. Exit 0 when valid, 1 with every error when not. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a config file and report every problem as file:line: key: message.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = config.check(Plugins.registry());
        loaded.warnings().forEach(warning -> System.out.println("warning: " + warning));
        System.out.printf("%s: OK (agent %s, %d source%s, %d sink%s, data in %s)%n", config.describe(), loaded.agentId(),
                loaded.sources().size(), loaded.sources().size() == 1 ? "" : "s",
                loaded.sinks().size(), loaded.sinks().size() == 1 ? "" : "s", loaded.dataDir());
        return 0;
    }
}
