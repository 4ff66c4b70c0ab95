package dev.ferry.runtime.plugin;

import dev.ferry.api.Nullable;
import dev.ferry.api.SinkProvider;
import dev.ferry.api.SourceProvider;
import dev.ferry.runtime.config.internal.ConfigSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The source and sink plugins available to the agent, by their {@code type:} name. Immutable; found once at
 * start-up with {@link #load(ClassLoader)}, so a config reload sees the same plugins.
 */
public final class PluginRegistry {

    private final Map<String, SourceProvider<?>> sources;
    private final Map<String, SinkProvider<?>> sinks;

    private PluginRegistry(Map<String, SourceProvider<?>> sources, Map<String, SinkProvider<?>> sinks) {
        this.sources = sources;
        this.sinks = sinks;
    }

    /**
     * Finds every {@link SourceProvider} and {@link SinkProvider} registered with {@link ServiceLoader} in
     * {@code loader}.
     *
     * @throws PluginLoadException when two providers of the same kind have the same type, one fails to load, or
     *     one declares a config record that cannot be bound
     */
    public static PluginRegistry load(ClassLoader loader) throws PluginLoadException {
        List<SourceProvider<?>> sources = new ArrayList<>();
        for (SourceProvider<?> provider : instantiate(SourceProvider.class, loader)) {
            sources.add(provider);
        }
        List<SinkProvider<?>> sinks = new ArrayList<>();
        for (SinkProvider<?> provider : instantiate(SinkProvider.class, loader)) {
            sinks.add(provider);
        }
        return of(sources, sinks);
    }

    /** A registry of the given providers, e.g. for tests or an embedding application. */
    public static PluginRegistry of(List<? extends SourceProvider<?>> sources, List<? extends SinkProvider<?>> sinks)
            throws PluginLoadException {
        for (SourceProvider<?> provider : sources) {
            checkConfigType("source", provider.type(), provider, provider.configType());
        }
        for (SinkProvider<?> provider : sinks) {
            checkConfigType("sink", provider.type(), provider, provider.configType());
        }
        return new PluginRegistry(byType("source", sources, SourceProvider::type), byType("sink", sinks, SinkProvider::type));
    }

    public @Nullable SourceProvider<?> source(String type) {
        return sources.get(type);
    }

    public @Nullable SinkProvider<?> sink(String type) {
        return sinks.get(type);
    }

    /** The source types, sorted, as listed in "unknown type" errors. */
    public List<String> sourceTypes() {
        return List.copyOf(sources.keySet());
    }

    public List<String> sinkTypes() {
        return List.copyOf(sinks.keySet());
    }

    /** A config record Ferry cannot bind is the plugin's bug; refuse it before any config names the plugin. */
    private static void checkConfigType(String kind, String type, Object provider, Class<? extends Record> configType)
            throws PluginLoadException {
        List<String> mistakes = ConfigSchema.mistakes(configType);
        if (!mistakes.isEmpty()) {
            throw new PluginLoadException("the " + kind + " plugin \"" + type + "\" (" + provider.getClass().getName()
                    + ") declares its config " + configType.getName() + " wrongly: " + String.join("; ", mistakes));
        }
    }

    private static <P> List<P> instantiate(Class<P> service, ClassLoader loader) throws PluginLoadException {
        List<P> providers = new ArrayList<>();
        try {
            for (P provider : ServiceLoader.load(service, loader)) {
                providers.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException("cannot load a " + service.getSimpleName() + ": " + e.getMessage());
        }
        return providers;
    }

    private static <P> Map<String, P> byType(String kind, List<? extends P> providers, Function<P, String> type)
            throws PluginLoadException {
        Map<String, P> byType = new TreeMap<>();
        for (P provider : providers) {
            P previous = byType.putIfAbsent(type.apply(provider), provider);
            if (previous != null) {
                throw new PluginLoadException("two " + kind + " plugins have the type \"" + type.apply(provider) + "\": "
                        + previous.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one of them from the class path");
            }
        }
        return Collections.unmodifiableMap(byType);
    }
}
