package dev.ferry.agent;

import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.AgentStartException;
import dev.ferry.runtime.time.Ticker;
import java.time.Duration;
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

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = config.load(Plugins.registry());
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
        stop.await();
        agent.stop(stopTimeout);
        return 0;
    }
}
