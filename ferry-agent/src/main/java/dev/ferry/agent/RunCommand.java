package dev.ferry.agent;

import dev.ferry.api.Nullable;
import dev.ferry.management.ManagementServer;
import dev.ferry.management.diagnostics.DiagnosticsSources;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.AgentStartException;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code ferry run}: runs the agent until SIGTERM or SIGINT, then stops it in order and exits 0. The signals are
 * handled directly rather than through a shutdown hook, so that a clean stop is reported as success to systemd
 * and to scripts (a JVM ended by a hook exits 143).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Longest wait for each stage of a clean stop (sources, sinks). Default: ${DEFAULT-VALUE}.")
    Duration stopTimeout;

    /**
     * The management endpoint, when the config has it on. An address the config names that cannot be taken stops the
     * agent with the reason; the default one taken by another program (a second agent on the machine) only costs
     * the endpoint, as collecting readings matters more.
     */
    private @Nullable ManagementServer startManagement(LoadedConfig loaded, Agent agent, DiagnosticsSources diagnostics)
            throws Exception {
        ManagementSettings settings = loaded.management();
        if (!settings.enabled()) {
            return null;
        }
        try {
            return ManagementServer.start(settings, agent, AgentFactsOf.config(loaded, Instant.now()), Clock.systemUTC(),
                    diagnostics);
        } catch (IOException e) {
            if (settings.listen().equals(ManagementSettings.defaults().listen())) {
                LoggerFactory.getLogger(RunCommand.class).warn("{}; running without it", e.getMessage());
                return null;
            }
            agent.stop(stopTimeout);
            throw new UserError(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        RecentLogLines recentLog = RecentLogLines.teeStandardError();
        LoadedConfig loaded = config.load(Plugins.registry());
        DiagnosticsSources diagnostics = new DiagnosticsSources(config.text(), config.describe(), config.format(),
                System.getenv(), recentLog::lines, () -> LogStatsCommand.report(loaded));
        loaded.warnings().forEach(warning -> LoggerFactory.getLogger(RunCommand.class).warn("config: {}", warning));
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Agent agent;
        try {
            agent = Agent.start(loaded, Ticker.system());
        } catch (AgentStartException e) {
            throw new UserError(e.getMessage());
        }
        ManagementServer management = startManagement(loaded, agent, diagnostics);
        stop.await();
        if (management != null) {
            management.close();
        }
        agent.stop(stopTimeout);
        return 0;
    }
}
