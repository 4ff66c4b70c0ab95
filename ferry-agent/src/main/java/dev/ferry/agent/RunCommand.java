package dev.ferry.agent;

import dev.ferry.api.Nullable;
import dev.ferry.management.ManagementServer;
import dev.ferry.management.diagnostics.DiagnosticsSources;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.AgentStartException;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code ferry run}: runs the agent until SIGTERM or SIGINT, then stops it in order and exits 0. The signals are
 * handled directly rather than through a shutdown hook, so that a clean stop is reported as success to systemd
 * and to scripts (a JVM ended by a hook exits 143). SIGHUP reloads the config, as does a change of the file.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent until SIGTERM or Ctrl-C. SIGHUP, or a change of the config file, reloads the config.")
final class RunCommand implements Callable<Integer> {

    /** Taken when first needed: the log level is known only once the config is read, and slf4j-simple fixes it at its first logger. */
    private static Logger log() {
        return LoggerFactory.getLogger(RunCommand.class);
    }

    @Mixin
    ConfigOption config;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Longest wait for each stage of a clean stop (sources, sinks). Default: ${DEFAULT-VALUE}.")
    Duration stopTimeout;

    private final AtomicReference<ConfigWatcher> watcher = new AtomicReference<>();
    private volatile @Nullable ConfigReloader reloader;

    /**
     * The management endpoint, when the config has it on. An address the config names that cannot be taken stops the
     * agent with the reason; the default one taken by another program (a second agent on the machine) only costs
     * the endpoint, as collecting readings matters more.
     */
    private @Nullable ManagementServer startManagement(LoadedConfig loaded, Agent agent, DiagnosticsSources diagnostics,
            ConfigReloader reloader, Instant started, String text) throws Exception {
        ManagementSettings settings = loaded.management();
        if (!settings.enabled()) {
            return null;
        }
        try {
            return ManagementServer.start(settings, agent, AgentFactsOf.config(loaded, started, text), Clock.systemUTC(),
                    diagnostics, reloader);
        } catch (IOException e) {
            if (settings.listen().equals(ManagementSettings.defaults().listen())) {
                log().warn("{}; running without it", e.getMessage());
                return null;
            }
            agent.stop(stopTimeout);
            throw new UserError(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        RecentLogLines recentLog = RecentLogLines.teeStandardError();
        PluginRegistry registry = Plugins.registry();
        String text = config.text();
        LoadedConfig loaded = config.loadToStart(registry);   // as `ferry check` does: the same messages, files read too
        DiagnosticsSources diagnostics = new DiagnosticsSources(text, config.describe(), config.format(),
                System.getenv(), recentLog::lines, () -> LogStatsCommand.report(loaded));
        loaded.warnings().forEach(warning -> log().warn("config: {}", warning));
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<ConfigReloader> reloads = new AtomicReference<>();
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Signal.handle(new Signal("HUP"), signal -> reloadOnSignal(reloads.get()));
        Instant started = Instant.now();
        Agent agent;
        try {
            agent = Agent.start(loaded, Ticker.system());
        } catch (AgentStartException e) {
            throw new UserError(e.getMessage());
        }
        ConfigReloader reloading = new ConfigReloader(config.file, text, registry, agent, started, System.getenv(),
                diagnostics);
        reloader = reloading;
        reloading.onApplied(this::watchOrNot);
        ManagementServer management = startManagement(loaded, agent, diagnostics, reloading, started, text);
        reloading.reportTo(management);
        reloads.set(reloading);
        watchOrNot(loaded);
        stop.await();
        ConfigWatcher watching = watcher.getAndSet(null);
        if (watching != null) {
            watching.close();
        }
        if (management != null) {
            management.close();
        }
        agent.stop(stopTimeout);
        return 0;
    }

    /** A SIGHUP: reloads on a thread of its own, as a signal handler must return at once. */
    private static void reloadOnSignal(@Nullable ConfigReloader reloader) {
        if (reloader == null) {
            log().warn("SIGHUP while the agent is starting: ignored; send it again once it runs");
            return;
        }
        Thread.ofVirtual().name("reload-sighup").start(() -> reloader.reload("SIGHUP", null));
    }

    /** Watches the file while the running config says so ({@code agent.watch_config}), from start and after reloads. */
    private synchronized void watchOrNot(LoadedConfig applied) {
        ConfigWatcher current = watcher.get();
        ConfigReloader reloading = reloader;
        if (applied.watchConfig() && current == null && config.file != null && reloading != null) {
            watcher.set(ConfigWatcher.start(config.file, reloading));
        } else if (!applied.watchConfig() && current != null) {
            watcher.set(null);
            current.close();
            log().info("no longer watching {} for changes (agent.watch_config: false)", config.file);
        }
    }
}
