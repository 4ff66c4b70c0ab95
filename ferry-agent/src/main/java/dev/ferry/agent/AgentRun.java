package dev.ferry.agent;

import dev.ferry.agent.RemoteConfigState.ConfigText;
import dev.ferry.api.Nullable;
import dev.ferry.management.ManagementServer;
import dev.ferry.management.diagnostics.DiagnosticsSources;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.AgentStartException;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.startup.StartupCode;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A running agent, from the config {@code ferry run} read and checked until SIGTERM or SIGINT; then it stops in order
 * and the process exits 0. The signals are handled directly rather than through a shutdown hook, so that a clean stop
 * is reported as success to systemd and to scripts (a JVM ended by a hook exits 143). SIGHUP reloads the config, as
 * does a change of the file.
 *
 * <p>The command line hands the run over ({@link #handOver}) and returns, so that its code is dropped before the
 * agent starts: nothing here may refer to it.
 *
 * @param file the config file; null for the built-in demo config
 * @param text the config's text as read
 * @param describe how messages name the config
 * @param fromFile the config read from {@code text}, checked as {@code ferry check} does but for the ports
 * @param takeOverWait with {@code --take-over}: how long to wait for another agent to release the data directory;
 *     null to start at once
 */
public record AgentRun(@Nullable Path file, String text, ConfigFormat format, String describe, LoadedConfig fromFile,
        PluginRegistry registry, RecentLogLines recentLog, Duration stopTimeout, @Nullable Duration takeOverWait) {

    private static final AtomicReference<AgentRun> HANDED_OVER = new AtomicReference<>();

    /** Taken when first needed: the log level is known only once the config is read, and slf4j-simple fixes it at its first logger. */
    private static Logger log() {
        return LoggerFactory.getLogger(AgentRun.class);
    }

    /** Called by {@code ferry run} once the config is read: the agent is started once the command line is gone. */
    public static void handOver(AgentRun run) {
        HANDED_OVER.set(run);
    }

    /** The run {@code ferry run} handed over, taken once; null after any other command. */
    static @Nullable AgentRun handedOver() {
        return HANDED_OVER.getAndSet(null);
    }

    /**
     * Runs the agent until it is told to stop.
     *
     * @return the process's exit code: 0 after a clean stop, 1 when the agent could not start
     */
    int untilStopped() {
        try {
            return new Running(this).untilStopped();
        } catch (UserError e) {
            System.err.println("ferry: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    /** The agent and what runs around it: the management endpoint, remote configuration, the file watcher. */
    private static final class Running {

        private final AgentRun run;
        private final AtomicReference<ConfigWatcher> watcher = new AtomicReference<>();
        private volatile @Nullable ConfigReloader reloader;

        Running(AgentRun run) {
            this.run = run;
        }

        int untilStopped() throws Exception {
            LoadedConfig fromFile = run.fromFile;
            fromFile.warnings().forEach(warning -> log().warn("config: {}", warning));
            Instant started = Instant.now();
            StartingConfig starting = StartingConfig.of(fromFile, new ConfigText(0, run.format, run.text, started),
                    run.file == null ? Path.of("").toAbsolutePath() : run.file.toAbsolutePath().getParent(),
                    System.getenv(), run.registry);
            LoadedConfig loaded = starting.loaded();
            RemoteConfig remote = starting.remote();
            DiagnosticsSources diagnostics = new DiagnosticsSources(starting.text().text(), run.describe,
                    starting.text().format(), System.getenv(), run.recentLog::lines, () -> LogReport.of(loaded));
            CountDownLatch stop = new CountDownLatch(1);
            AtomicBoolean hangUpWhileStarting = new AtomicBoolean();
            Signal.handle(new Signal("TERM"), signal -> stop.countDown());
            Signal.handle(new Signal("INT"), signal -> stop.countDown());
            AtomicReference<AgentUpdates> updating = new AtomicReference<>();
            if (SuccessorHandOver.signalFree()) {
                // a version staged by an update is switched to; without one, the same build hands over to itself
                Signal.handle(new Signal("USR2"), signal -> {
                    AgentUpdates updates = updating.get();
                    if (updates != null && updates.staged()) {
                        updates.switchToStaged();
                    } else {
                        Thread.ofVirtual().name("hand-over-sigusr2")
                                .start(() -> SuccessorHandOver.begin(loaded.dataDir(), stop::countDown));
                    }
                });
            }
            if (Signal.handle(new Signal("HUP"), signal -> reloadOnSignal(hangUpWhileStarting)) == SignalHandler.SIG_IGN) {
                // the JVM leaves a signal ignored at its start ignored: SIGHUP can do nothing in this process
                log().warn("SIGHUP is ignored in this process (started under nohup?), so it cannot reload the config;"
                        + " use `ferry reload`, or save the file while agent.watch_config is on");
            }
            RemoteUpdates remoteUpdates = loaded.control() == null || loaded.update() == null ? null
                    : RemoteUpdates.of(loaded.control(), loaded.dataDir(), loaded.agentId(), loaded::resolve);
            Instant previousLastCommit = run.takeOverWait == null ? null
                    : DataDirHandOver.awaitRelease(loaded.dataDir(), loaded.logDir(), run.takeOverWait);
            Agent agent;
            try {
                agent = Agent.start(loaded, Ticker.system(), channel -> {
                    if (remote != null) {
                        remote.attach(channel);
                    }
                    if (remoteUpdates != null) {
                        remoteUpdates.attach(channel);
                    }
                });
            } catch (AgentStartException e) {
                throw new UserError(e.getMessage());
            }
            if (previousLastCommit != null) {
                DataDirHandOver.reportGap(agent, previousLastCommit);
            }
            ConfigReloader reloading = new ConfigReloader(run.file, run.text, starting.text(), run.registry, agent,
                    started, System.getenv(), diagnostics);
            reloading.onApplied(this::watchOrNot);
            reloader = reloading;
            if (hangUpWhileStarting.getAndSet(false)) {
                reloadNow(reloading);
            }
            AgentUpdates updates = new AgentUpdates(agent, stop::countDown);
            updating.set(updates);
            if (remoteUpdates != null) {
                remoteUpdates.start(updates, agent);
            }
            ManagementServer management = startManagement(loaded, agent, diagnostics, reloading, started);
            reloading.reportTo(management);
            if (management != null) {
                management.serveUpdates(updates);
            }
            if (remote != null) {
                remote.start(reloading, agent);
            }
            watchOrNot(loaded);
            SystemdNotify.ready();
            StartupCode.unloadDropped();
            updates.resumeAtStart();   // last: a new version on probation first starts collecting
            stop.await();
            ConfigWatcher watching = watcher.getAndSet(null);
            if (watching != null) {
                watching.close();
            }
            if (remote != null) {
                remote.close();
            }
            if (remoteUpdates != null) {
                remoteUpdates.close();
            }
            if (management != null) {
                management.close();
            }
            agent.stop(run.stopTimeout);
            updates.awaitHandOver();
            return 0;
        }

        /**
         * The management endpoint, when the config has it on. An address the config names that cannot be taken stops
         * the agent with the reason; the default one taken by another program (a second agent on the machine) only
         * costs the endpoint, as collecting readings matters more.
         */
        private @Nullable ManagementServer startManagement(LoadedConfig loaded, Agent agent, DiagnosticsSources diagnostics,
                ConfigReloader reloading, Instant started) throws Exception {
            ManagementSettings settings = loaded.management();
            if (!settings.enabled()) {
                return null;
            }
            try {
                return ManagementServer.start(settings, agent, AgentFactsOf.config(loaded, started,
                        reloading.running().text(), reloading.originOf(reloading.running())), Clock.systemUTC(),
                        diagnostics, reloading);
            } catch (IOException e) {
                if (settings.listen().equals(ManagementSettings.defaults().listen())) {
                    log().warn("{}; running without it", e.getMessage());
                    return null;
                }
                agent.stop(run.stopTimeout);
                throw new UserError(e.getMessage());
            }
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
            Path file = run.file;
            if (applied.watchConfig() && current == null && file != null && reloading != null) {
                watcher.set(ConfigWatcher.start(file, reloading));
            } else if (!applied.watchConfig() && current != null) {
                watcher.set(null);
                current.close();
                log().info("no longer watching {} for changes (agent.watch_config: false)", file);
            }
        }
    }
}
