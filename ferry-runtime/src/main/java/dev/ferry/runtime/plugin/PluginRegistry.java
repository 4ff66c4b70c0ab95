package dev.ferry.runtime.plugin;

import dev.ferry.api.Nullable;
import dev.ferry.api.SinkProvider;
import dev.ferry.api.SourceProvider;
import dev.ferry.runtime.config.internal.ConfigSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The source and sink plugins available to the agent, by their {@code type:} name: those on the class path, found
 * at start-up, and those installed as folders of jars in a plugins folder (see {@link #load(ClassLoader, Path)}),
 * loaded the first time a config names their type and kept from then on. Thread-safe.
 */
public final class PluginRegistry {

    private final Map<String, SourceProvider<?>> sources;
    private final Map<String, SinkProvider<?>> sinks;
    private final Map<String, PluginDirectory> sourceFolders;
    private final Map<String, PluginDirectory> sinkFolders;
    private final ClassLoader parent;

    private PluginRegistry(Map<String, SourceProvider<?>> sources, Map<String, SinkProvider<?>> sinks,
            Map<String, PluginDirectory> sourceFolders, Map<String, PluginDirectory> sinkFolders, ClassLoader parent) {
        this.sources = new TreeMap<>(sources);
        this.sinks = new TreeMap<>(sinks);
        this.sourceFolders = sourceFolders;
        this.sinkFolders = sinkFolders;
        this.parent = parent;
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

    /**
     * The plugins of {@link #load(ClassLoader)}, and those installed in {@code pluginFolder}: each in a folder named
     * {@code source-<type>} or {@code sink-<type>} that holds the plugin's jar and its libraries. Only the folders'
     * names are read here; a folder's jars are opened, in a class loader whose parent is {@code loader}, when its
     * type is first asked for. A missing {@code pluginFolder} holds no plugins.
     *
     * @throws PluginLoadException as {@link #load(ClassLoader)}, or when a folder's type is also on the class path
     */
    public static PluginRegistry load(ClassLoader loader, Path pluginFolder) throws PluginLoadException {
        PluginRegistry onClassPath = load(loader);
        Map<String, PluginDirectory> sourceFolders = PluginDirectory.list(pluginFolder, "source");
        Map<String, PluginDirectory> sinkFolders = PluginDirectory.list(pluginFolder, "sink");
        refuseTwice("source", sourceFolders, onClassPath.sources);
        refuseTwice("sink", sinkFolders, onClassPath.sinks);
        return new PluginRegistry(onClassPath.sources, onClassPath.sinks, sourceFolders, sinkFolders, loader);
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
        return new PluginRegistry(byType("source", sources, SourceProvider::type), byType("sink", sinks, SinkProvider::type),
                Map.of(), Map.of(), PluginRegistry.class.getClassLoader());
    }

    /**
     * The source plugin of {@code type}, or null when there is none.
     *
     * @throws PluginLoadException when the plugin is installed as a folder that cannot be loaded
     */
    public synchronized @Nullable SourceProvider<?> source(String type) throws PluginLoadException {
        SourceProvider<?> provider = sources.get(type);
        PluginDirectory folder = sourceFolders.get(type);
        if (provider == null && folder != null) {
            provider = folder.load(SourceProvider.class, parent, SourceProvider::type);
            checkConfigType("source", type, provider, provider.configType());
            sources.put(type, provider);
        }
        return provider;
    }

    /**
     * The sink plugin of {@code type}, or null when there is none.
     *
     * @throws PluginLoadException when the plugin is installed as a folder that cannot be loaded
     */
    public synchronized @Nullable SinkProvider<?> sink(String type) throws PluginLoadException {
        SinkProvider<?> provider = sinks.get(type);
        PluginDirectory folder = sinkFolders.get(type);
        if (provider == null && folder != null) {
            provider = folder.load(SinkProvider.class, parent, SinkProvider::type);
            checkConfigType("sink", type, provider, provider.configType());
            sinks.put(type, provider);
        }
        return provider;
    }

    /** The source types, sorted, as listed in "unknown type" errors. */
    public synchronized List<String> sourceTypes() {
        return sortedUnion(sources.keySet(), sourceFolders.keySet());
    }

    public synchronized List<String> sinkTypes() {
        return sortedUnion(sinks.keySet(), sinkFolders.keySet());
    }

    private static List<String> sortedUnion(Set<String> loaded, Set<String> installed) {
        Set<String> types = new TreeSet<>(loaded);
        types.addAll(installed);
        return List.copyOf(types);
    }

    private static void refuseTwice(String kind, Map<String, PluginDirectory> folders, Map<String, ?> onClassPath)
            throws PluginLoadException {
        for (Map.Entry<String, PluginDirectory> folder : folders.entrySet()) {
            Object provider = onClassPath.get(folder.getKey());
            if (provider != null) {
                throw new PluginLoadException("two " + kind + " plugins have the type \"" + folder.getKey() + "\": "
                        + provider.getClass().getName() + " on the class path and the folder " + folder.getValue().folder()
                        + "; remove one of them");
            }
        }
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
