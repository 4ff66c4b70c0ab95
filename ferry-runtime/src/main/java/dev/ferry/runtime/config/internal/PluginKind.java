package dev.ferry.runtime.config.internal;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.api.net.ServedPort;
import dev.ferry.api.SinkProvider;
import dev.ferry.api.SourceProvider;
import dev.ferry.runtime.config.SinkSettings;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.plugin.PluginLoadException;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What differs between binding {@code sources:} and {@code sinks:}: the common keys and the plugins. */
interface PluginKind<P> {

    /** "source" or "sink", as in "unknown source type". */
    String noun();

    Class<? extends Record> settingsType();

    /** The plugin of {@code type}; null when there is none. */
    @Nullable P provider(String type) throws PluginLoadException;

    List<String> knownTypes();

    Class<? extends Record> configType(P provider);

    List<ConfigProblem> validate(P provider, Record config);

    /** Checks of the common keys that depend on the plugin; keys are given relative to the section. */
    List<ConfigProblem> validateSettings(P provider, Record settings);

    /** What is wrong with the files the section names; keys relative to the section. */
    List<ConfigProblem> checkFiles(P provider, Record config, Function<String, Path> resolve);

    /** The ports the component will listen on; none for sinks. */
    default List<ServedPort> servedPorts(P provider, Record config) {
        return List.of();
    }

    static PluginKind<SourceProvider<?>> sources(PluginRegistry registry) {
        return new PluginKind<>() {
            @Override public String noun() { return "source"; }
            @Override public Class<? extends Record> settingsType() { return SourceSettings.class; }
            @Override public @Nullable SourceProvider<?> provider(String type) throws PluginLoadException {
                return registry.source(type);
            }
            @Override public List<String> knownTypes() { return registry.sourceTypes(); }
            @Override public Class<? extends Record> configType(SourceProvider<?> p) { return p.configType(); }

            @Override
            @SuppressWarnings("unchecked")
            public List<ConfigProblem> validate(SourceProvider<?> p, Record config) {
                // Safe: config was bound to p.configType().
                return ((SourceProvider<Record>) p).validate(config);
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<ConfigProblem> checkFiles(SourceProvider<?> p, Record config, Function<String, Path> resolve) {
                return ((SourceProvider<Record>) p).checkFiles(config, resolve);
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<ServedPort> servedPorts(SourceProvider<?> p, Record config) {
                return ((SourceProvider<Record>) p).servedPorts(config);
            }

            @Override
            public List<ConfigProblem> validateSettings(SourceProvider<?> p, Record settings) {
                List<ConfigProblem> problems = new ArrayList<>();
                for (String tag : ((SourceSettings) settings).tags().keySet()) {
                    if (p.ownTags().contains(tag)) {
                        problems.add(new ConfigProblem("tags." + tag, "a " + p.type() + " source sets `" + tag
                                + "` on each reading itself; a configured one would override it for every reading"));
                    }
                }
                return problems;
            }
        };
    }

    static PluginKind<SinkProvider<?>> sinks(PluginRegistry registry) {
        return new PluginKind<>() {
            @Override public String noun() { return "sink"; }
            @Override public Class<? extends Record> settingsType() { return SinkSettings.class; }
            @Override public @Nullable SinkProvider<?> provider(String type) throws PluginLoadException {
                return registry.sink(type);
            }
            @Override public List<String> knownTypes() { return registry.sinkTypes(); }
            @Override public Class<? extends Record> configType(SinkProvider<?> p) { return p.configType(); }

            @Override
            @SuppressWarnings("unchecked")
            public List<ConfigProblem> validate(SinkProvider<?> p, Record config) {
                return ((SinkProvider<Record>) p).validate(config);
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<ConfigProblem> checkFiles(SinkProvider<?> p, Record config, Function<String, Path> resolve) {
                return ((SinkProvider<Record>) p).checkFiles(config, resolve);
            }

            @Override
            public List<ConfigProblem> validateSettings(SinkProvider<?> p, Record settings) {
                return List.of();
            }
        };
    }
}
