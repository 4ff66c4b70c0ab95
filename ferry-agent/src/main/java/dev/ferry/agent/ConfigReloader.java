package dev.ferry.agent;

import dev.ferry.agent.RemoteConfigState.ConfigText;
import dev.ferry.api.Nullable;
import dev.ferry.management.ManagementServer;
import dev.ferry.management.ReloadRequests;
import dev.ferry.management.diagnostics.DiagnosticsSources;
import dev.ferry.runtime.config.CheckDepth;
import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.startup.StartupCode;
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
 * {@link Agent#reload}; an invalid one is refused with every problem, the pipeline untouched. A config the platform
 * sent goes the same way ({@link #apply}). One reload at a time.
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
    private volatile Runnable onFileInCharge = () -> { };
    private String fileText;
    private ConfigText running;

    /**
     * @param file the config file the agent runs; null when it runs the built-in demo config, which cannot change
     * @param fileText the file's text as the agent started
     * @param running what the agent was started with: the file's text, or a config the platform sent
     */
    ConfigReloader(@Nullable Path file, String fileText, ConfigText running, PluginRegistry registry, Agent agent,
            Instant started, Map<String, String> env, DiagnosticsSources diagnostics) {
        this.file = file;
        this.fileText = fileText;
        this.running = running;
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

    /** Called when a reload from the file applied it: the file is in charge again, not a config the platform sent. */
    void onFileInCharge(Runnable listener) {
        this.onFileInCharge = listener;
    }

    /** The config the agent runs now, as text. */
    synchronized ConfigText running() {
        return running;
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
        fileText = text;
        ConfigFormat format = ConfigFormat.ofFile(file);
        ReloadOutcome outcome = apply(new ConfigText(0, format == null ? ConfigFormat.YAML : format, text,
                Instant.now()), trigger);
        if (succeeded(outcome)) {
            onFileInCharge.run();
        }
        return outcome;
    }

    /**
     * Checks {@code next} as {@code ferry check} does and hands it to the agent, as a reload from the file does;
     * relative paths in it are resolved against the file's directory.
     */
    synchronized ReloadOutcome apply(ConfigText next, String trigger) {
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.check(next.text(), displayName(next), next.format(), baseDir(), env, registry,
                    CheckDepth.FILES_AND_PORTS);
        } catch (ConfigException e) {
            return agent.refuseReload(e.errors().stream().map(ConfigError::toString).toList(), trigger);
        } finally {
            StartupCode.unloadDropped();   // the YAML or TOML reader, loaded for this check alone
        }
        loaded.warnings().forEach(warning -> LoggerFactory.getLogger(ConfigReloader.class).warn("config: {}", warning));
        ReloadOutcome outcome = agent.reload(loaded, trigger);
        if (succeeded(outcome)) {
            running = next;
            ManagementServer server = management;
            if (server != null) {
                server.configChanged(AgentFactsOf.config(loaded, started, next.text(), originOf(next)),
                        new DiagnosticsSources(next.text(), displayName(next), next.format(), env,
                                diagnostics.recentLogLines(), diagnostics.logStats()));
            }
            onApplied.accept(loaded);
        }
        return outcome;
    }

    static boolean succeeded(ReloadOutcome outcome) {
        return outcome.result() == ReloadOutcome.Result.APPLIED || outcome.result() == ReloadOutcome.Result.UNCHANGED;
    }

    /** How messages about {@code text} name it: the file, or {@code remote config version N}. */
    String displayName(ConfigText text) {
        return text.fromFile() ? String.valueOf(file) : "remote config version " + text.remoteVersion();
    }

    /** {@code file}, {@code built-in} or {@code remote version N}, as the status shows it. */
    String originOf(ConfigText text) {
        return !text.fromFile() ? "remote version " + text.remoteVersion() : file == null ? "built-in" : "file";
    }

    private Path baseDir() {
        return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
    }

    /** True when the file holds what was read from it last: an editor saving without a change, a touch. */
    synchronized boolean fileUnchanged() {
        try {
            return file != null && Files.readString(file).equals(fileText);
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
