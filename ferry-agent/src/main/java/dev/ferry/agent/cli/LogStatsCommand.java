package dev.ferry.agent.cli;

import dev.ferry.agent.LogReport;
import dev.ferry.agent.Plugins;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry log stats}: counts, bytes, oldest age, per-sink lag, evictions and corruption found. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts, bytes, oldest reading's age, per-sink lag, evictions, corrupt records.")
final class LogStatsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        System.out.print(LogReport.of(config.load(Plugins.registry())));
        return 0;
    }
}
