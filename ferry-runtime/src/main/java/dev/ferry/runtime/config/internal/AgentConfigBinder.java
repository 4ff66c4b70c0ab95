package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.SinkProvider;
import dev.ferry.api.SourceProvider;
import dev.ferry.api.config.WritablePlace;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogOptions;
import dev.ferry.runtime.config.AgentSettings;
import dev.ferry.runtime.config.CheckDepth;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ControlSettings;
import dev.ferry.runtime.config.ConfiguredSink;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.config.SinkSettings;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.config.UpdateSettings;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Binds a whole file: {@code agent:}, {@code log:}, {@code sources:} and {@code sinks:}. */
public final class AgentConfigBinder {

    private static final List<String> SECTIONS = List.of("agent", "log", "management", "control", "update", "sources", "sinks");
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final Binder binder;
    private final PluginRegistry registry;
    private final CheckDepth depth;

    /** @param depth how far to look beyond the file: the files it names, the ports it will listen on */
    public AgentConfigBinder(Binder binder, PluginRegistry registry, CheckDepth depth) {
        this.binder = binder;
        this.registry = registry;
        this.depth = depth;
    }

    /** Binds the file's top-level map; throws with every problem found, including those found while reading it. */
    public LoadedConfig bind(ConfigMap root, Path file, Path baseDir) throws ConfigException {
        Problems problems = binder.problems();
        for (ConfigEntry entry : root.entries()) {
            if (!SECTIONS.contains(entry.key())) {
                problems.add(entry.keyOrigin(), entry.key(), RecordBinder.unknownKey(entry.key(), SECTIONS));
            }
        }
        AgentSettings agent = section(root, "agent", AgentSettings.class, false);
        if (agent != null && !AGENT_ID.matcher(agent.id()).matches()) {
            problems.add(NodeLookup.originOf(root, "agent.id", root.origin()), "agent.id",
                    "\"" + agent.id() + "\" is not a valid id; use letters, digits, '.', '_' and '-'");
        }
        LogOptions log = section(root, "log", LogOptions.class, true);
        ManagementSettings management = section(root, "management", ManagementSettings.class, true);
        Function<String, Path> files = depth != CheckDepth.VALUES ? configured -> baseDir.resolve(configured).normalize() : null;
        // An agent running on this data holds the ports its config names: trying them would only find it.
        boolean checkPorts = depth == CheckDepth.FILES_AND_PORTS && agent != null && !DurableLog.inUse(baseDir.resolve(agent.dataDir()).resolve("log"));
        if (management != null) {
            ManagementChecks.check(management, root, problems, files, checkPorts);
        }
        if (files != null && agent != null) {
            String dataDirProblem = WritablePlace.directoryProblem(baseDir.resolve(agent.dataDir()));
            if (dataDirProblem != null) {
                problems.add(NodeLookup.originOf(root, "agent.data_dir", root.origin()), "agent.data_dir", dataDirProblem);
            }
        }
        var sources = new PluginSectionBinder<>(binder, PluginKind.sources(registry), files, checkPorts)
                .bindAll(root.entry("sources"), "sources", root.origin());
        var sinks = new PluginSectionBinder<>(binder, PluginKind.sinks(registry), files, checkPorts)
                .bindAll(root.entry("sinks"), "sinks", root.origin());
        ControlSettings control = root.entry("control") == null ? null : section(root, "control", ControlSettings.class, false);
        if (control != null) {
            ControlChecks.check(control, root, registry, problems, files);
        }
        UpdateSettings update = root.entry("update") == null ? null : section(root, "update", UpdateSettings.class, false);
        if (update != null) {
            UpdateChecks.check(update, root, problems, files);
        }
        problems.throwIfAny();
        List<ConfiguredSource> boundSources = sources.stream().map(AgentConfigBinder::source).toList();
        List<ConfiguredSink> boundSinks = sinks.stream().map(AgentConfigBinder::sink).toList();
        return new LoadedConfig(file, baseDir, agent.id(), baseDir.resolve(agent.dataDir()).normalize(), agent.logLevel(),
                agent.watchConfig(), log,
                management, control, update,
                boundSources, boundSinks, TagWarnings.of(root, boundSources, boundSinks));
    }

    /** Binds a top-level section; an optional one left out binds as if empty, taking its defaults. */
    private <R extends Record> @Nullable R section(ConfigMap root, String key, Class<R> type, boolean optional) {
        ConfigEntry entry = root.entry(key);
        if (entry == null || (entry.value() instanceof ConfigScalar s && s.isNull())) {
            if (!optional) {
                binder.problems().add(entry == null ? root.origin() : entry.keyOrigin(), key,
                        "missing required section; it needs: " + String.join(", ", RecordBinder.keysOf(type)));
                return null;
            }
            return binder.bindRecord(ConfigMap.empty(entry == null ? root.origin() : entry.keyOrigin()), type, key,
                    entry == null ? root.origin() : entry.keyOrigin());
        }
        if (!(entry.value() instanceof ConfigMap map)) {
            binder.problems().add(entry.value().origin(), key, "expected a section, got " + entry.value().describe());
            return null;
        }
        return binder.bindRecord(map, type, key, entry.keyOrigin());
    }

    private static ConfiguredSource source(PluginSectionBinder.Bound<SourceProvider<?>> b) {
        return new ConfiguredSource(b.name(), (SourceSettings) b.settings(), b.config(), b.provider());
    }

    private static ConfiguredSink sink(PluginSectionBinder.Bound<SinkProvider<?>> b) {
        return new ConfiguredSink(b.name(), (SinkSettings) b.settings(), b.config(), b.provider());
    }
}
