package dev.ferry.agent;

import dev.ferry.agent.RemoteConfigState.ConfigText;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
            ConfigReloader reloader, Instant started) throws Exception {
        ManagementSettings settings = loaded.management();
        if (!settings.enabled()) {
            return null;
        }
        try {
            return ManagementServer.start(settings, agent, AgentFactsOf.config(loaded, started, reloader.running().text(),
                    reloader.originOf(reloader.running())), Clock.systemUTC(),
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
        LoadedConfig fromFile = config.loadToStart(registry);   // as `ferry check` does: the same messages, files read too
        fromFile.warnings().forEach(warning -> log().warn("config: {}", warning));
        Instant started = Instant.now();
        StartingConfig starting = StartingConfig.of(fromFile, new ConfigText(0, config.format(), text, started),
                config.file == null ? Path.of("").toAbsolutePath() : config.file.toAbsolutePath().getParent(),
                System.getenv(), registry);
        LoadedConfig loaded = starting.loaded();
        RemoteConfig remote = starting.remote();
        DiagnosticsSources diagnostics = new DiagnosticsSources(starting.text().text(), config.describe(),
                starting.text().format(), System.getenv(), recentLog::lines, () -> LogStatsCommand.report(loaded));
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean hangUpWhileStarting = new AtomicBoolean();
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        if (Signal.handle(new Signal("HUP"), signal -> reloadOnSignal(hangUpWhileStarting)) == SignalHandler.SIG_IGN) {
            // the JVM leaves a signal ignored at its start ignored: SIGHUP can do nothing in this process
            log().warn("SIGHUP is ignored in this process (started under nohup?), so it cannot reload the config;"
                    + " use `ferry reload`, or save the file while agent.watch_config is on");
        }
        Agent agent;
        try {
            agent = Agent.start(loaded, Ticker.system(), remote == null ? channel -> { } : remote::attach);
        } catch (AgentStartException e) {
            throw new UserError(e.getMessage());
        }
        ConfigReloader reloading = new ConfigReloader(config.file, text, starting.text(), registry, agent, started,
                System.getenv(), diagnostics);
        reloading.onApplied(this::watchOrNot);
        reloader = reloading;
        if (hangUpWhileStarting.getAndSet(false)) {
            reloadNow(reloading);
        }
        ManagementServer management = startManagement(loaded, agent, diagnostics, reloading, started);
        reloading.reportTo(management);
        if (remote != null) {
            remote.start(reloading, agent);
        }
        watchOrNot(loaded);
        stop.await();
        ConfigWatcher watching = watcher.getAndSet(null);
        if (watching != null) {
            watching.close();
        }
        if (remote != null) {
            remote.close();
        }
        if (management != null) {
            management.close();
        }
        agent.stop(stopTimeout);
        return 0;
    }

    /**
     * A SIGHUP: reloads on a thread of its own, as a signal handler must return at once. One that comes while the
     * agent starts is remembered and acted on once it runs, as the file may have changed since it was read.
     */
    private void reloadOnSignal(AtomicBoolean hangUpWhileStarting) {
        hangUpWhileStarting.set(true);   // first, so that either this or the starting agent sees the other's step
        ConfigReloader reloading = reloader;
        if (reloading != null && hangUpWhileStarting.getAndSet(false)) {
            reloadNow(reloading);
        }
    }

    private static void reloadNow(ConfigReloader reloading) {
        Thread.ofVirtual().name("reload-sighup").start(() -> reloading.reload("SIGHUP", null));
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
