package dev.ferry.runtime.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A plugin installed as a folder of jars, {@code <plugins>/source-<type>/} or {@code <plugins>/sink-<type>/}: the
 * plugin's own jar and the libraries it needs. Its jars are opened, through a class loader of its own, only when a
 * config names its type. A jar the JVM has opened costs heap for as long as the process runs (the JDK keeps its
 * central directory in memory), and every jar on the class path is opened by the first service look-up, so plugins a
 * gateway does not use would otherwise cost it memory.
 */
final class PluginDirectory {

    private final String kind;
    private final String type;
    private final Path folder;

    private PluginDirectory(String kind, String type, Path folder) {
        this.kind = kind;
        this.type = type;
        this.folder = folder;
    }

    /** The plugin folders of {@code kind} ("source" or "sink") in {@code root}, by type; none when root is missing. */
    static Map<String, PluginDirectory> list(Path root, String kind) throws PluginLoadException {
        Map<String, PluginDirectory> byType = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return byType;
        }
        String prefix = kind + "-";
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    String type = name.substring(prefix.length());
                    byType.put(type, new PluginDirectory(kind, type, folder));
                }
            }
        } catch (IOException e) {
            throw new PluginLoadException("cannot list the plugins in " + root + ": " + e.getMessage());
        }
        return byType;
    }

    Path folder() {
        return folder;
    }

    /**
     * Opens the folder's jars in a class loader whose parent is {@code parent} and returns the provider of this
     * folder's type that they hold. Providers the parent already offers are not this plugin's and are skipped.
     */
    <P> P load(Class<P> service, ClassLoader parent, Function<P, String> typeOf) throws PluginLoadException {
        URLClassLoader loader = new URLClassLoader("ferry plugin " + folder.getFileName(), jars(), parent);
        List<String> otherTypes = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<P> candidate : ServiceLoader.load(service, loader).stream().toList()) {
                if (candidate.type().getClassLoader() != loader) {
                    continue;
                }
                P provider = candidate.get();
                String providedType = typeOf.apply(provider);
                if (providedType.equals(type)) {
                    return provider;
                }
                otherTypes.add(providedType);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            closeQuietly(loader);
            throw new PluginLoadException("the " + kind + " plugin in " + folder + " cannot be loaded: " + e.getMessage());
        }
        closeQuietly(loader);
        throw new PluginLoadException(folder + " holds no " + kind + " plugin of type \"" + type + "\""
                + (otherTypes.isEmpty() ? "" : " (it holds " + String.join(", ", otherTypes) + ")")
                + "; a plugin's folder is named " + kind + "-<type> and holds the plugin's jar and its libraries");
    }

    /** A loader whose plugin is refused is closed, so that its jars do not stay open for the rest of the run. */
    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Only open files are at stake, and the refusal that follows is what the user needs to see.
        }
    }

    private URL[] jars() throws PluginLoadException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jar")) {
            files.forEach(jars::add);
            if (jars.isEmpty()) {
                throw new PluginLoadException("the plugin folder " + folder + " holds no jar");
            }
            jars.sort(null);
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (IOException e) {
            throw new PluginLoadException("cannot read the plugin folder " + folder + ": " + e.getMessage());
        }
    }
}
