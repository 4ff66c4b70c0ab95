package dev.ferry.agent;

import dev.ferry.api.Nullable;
import dev.ferry.management.ManagementServer;
import dev.ferry.management.ReloadRequests;
import dev.ferry.management.diagnostics.DiagnosticsSources;
import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Reloads the running agent from its config file, whoever asks (SIGHUP, the file changing, {@code POST /reload}):
 * reads the file once, checks it as {@code ferry check} does (the files it names too), and hands a valid config to
 * {@link Agent#reload}; an invalid one is refused with every problem, the pipeline untouched. One reload at a time.
 */
final class ConfigReloader implements ReloadRequests {

    private final @Nullable Path file;
    private final PluginRegistry registry;
    private final Agent agent;
    private final Instant started;
    private final Map<String, String> env;
    private final DiagnosticsSources diagnostics;
    private volatile @Nullable ManagementServer management;
    private volatile Consumer<LoadedConfig> onApplied = applied -> { };
    private String appliedText;

    /**
     * @param file the config file the agent runs; null when it runs the built-in demo config, which cannot change
     * @param appliedText the text the agent was started with
     */
    ConfigReloader(@Nullable Path file, String appliedText, PluginRegistry registry, Agent agent, Instant started,
            Map<String, String> env, DiagnosticsSources diagnostics) {
        this.file = file;
        this.appliedText = appliedText;
        this.registry = registry;
        this.agent = agent;
        this.started = started;
        this.env = Map.copyOf(env);
        this.diagnostics = diagnostics;
    }

    /** The endpoint told of every config applied, so its status, metrics and bundles show the running one. */
    void reportTo(@Nullable ManagementServer server) {
        this.management = server;
    }

    /** Called with each config applied, after the agent runs it. */
    void onApplied(Consumer<LoadedConfig> listener) {
        this.onApplied = listener;
    }

    @Override
    public synchronized ReloadOutcome reload(String trigger, @Nullable Path asked) {
        if (file == null) {
            return agent.refuseReload(List.of("the agent runs the built-in demo config, which has no file to read again;"
                    + " start it with -c FILE"), trigger);
        }
        if (asked != null && !sameFile(asked, file)) {
            return agent.refuseReload(List.of("the agent runs " + file + ", not " + asked), trigger);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return agent.refuseReload(List.of(file + ": cannot read the file: " + e.getMessage()), trigger);
        }
        LoadedConfig next;
        try {
            next = ConfigLoader.check(text, file, env, registry);
        } catch (ConfigException e) {
            return agent.refuseReload(e.errors().stream().map(ConfigError::toString).toList(), trigger);
        }
        next.warnings().forEach(warning -> LoggerFactory.getLogger(ConfigReloader.class).warn("config: {}", warning));
        ReloadOutcome outcome = agent.reload(next, trigger);
        if (outcome.result() == ReloadOutcome.Result.APPLIED || outcome.result() == ReloadOutcome.Result.UNCHANGED) {
            appliedText = text;
            ManagementServer server = management;
            if (server != null) {
                server.configChanged(AgentFactsOf.config(next, started, text), new DiagnosticsSources(text,
                        diagnostics.configName(), diagnostics.configFormat(), env, diagnostics.recentLogLines(),
                        diagnostics.logStats()));
            }
            onApplied.accept(next);
        }
        return outcome;
    }

    /** True when the file holds what was applied last: an editor saving without a change, a touch. */
    synchronized boolean fileUnchanged() {
        try {
            return file != null && Files.readString(file).equals(appliedText);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameFile(Path asked, Path running) {
        try {
            return Files.isSameFile(asked, running);
        } catch (IOException e) {
            return asked.toAbsolutePath().normalize().equals(running.toAbsolutePath().normalize());
        }
    }
}
