package dev.ferry.runtime.startup;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Code that a running agent needs only for a moment: the command line (picocli) and the reading of a config's text
 * (SnakeYAML, tomlj with ANTLR). In an installed agent their libraries are not on the class path but in
 * {@code lib/startup}; each use opens a class loader of its own over them and over the Ferry packages that use them,
 * and closing it lets the JVM unload all of their classes at its next full collection. Without such a folder (tests,
 * a class path put together by hand) everything comes from the class path and nothing is unloaded.
 *
 * <pre>{@code
 * try (StartupCode code = StartupCode.open(ConfigTrees.class, "dev.ferry.runtime.config.text.")) {
 *     ConfigTreeReader reader = code.instantiate("dev.ferry.runtime.config.text.TextTreeReader", ConfigTreeReader.class);
 *     ...
 * }
 * }</pre>
 */
public final class StartupCode implements AutoCloseable {

    /** The jars of lib/startup; null when start-up code comes from the class path. */
    private static volatile @Nullable List<URL> libraries;

    private final ClassLoader loader;
    private final boolean own;

    private StartupCode(ClassLoader loader, boolean own) {
        this.loader = loader;
        this.own = own;
    }

    /**
     * Makes every later {@link #open} load start-up code apart, with the jars in {@code folder} as its libraries.
     * Called once by the launcher, when the installation has such a folder.
     */
    public static void loadApartWith(Path folder) {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the start-up libraries in " + folder, e);
        }
        libraries = List.copyOf(jars);
    }

    /** True when start-up code is loaded apart, so that dropping it frees its classes. */
    public static boolean loadedApart() {
        return libraries != null;
    }

    /**
     * Unloads the start-up code closed so far, now rather than at some later full collection, which the serial
     * collector a small agent runs with may not need for hours (metaspace only triggers one at its high-water mark):
     * a full collection of the agent's small heap, tens of milliseconds. Nothing when start-up code is not loaded apart.
     */
    public static void unloadDropped() {
        if (loadedApart()) {
            System.gc();
        }
    }

    /**
     * Opens the start-up code of {@code ownPackages}, which live in the same jar (or classes folder) as {@code anchor}.
     *
     * @param ownPackages package prefixes ending in a dot; their classes must reach the rest of Ferry through
     *     public types only, as they are in a package of another class loader
     */
    public static StartupCode open(Class<?> anchor, String... ownPackages) {
        List<URL> jars = libraries;
        if (jars == null) {
            return new StartupCode(anchor.getClassLoader(), false);
        }
        return openApart(anchor, jars, ownPackages);
    }

    /** As {@link #open} when start-up code is loaded apart, with {@code libraries} in {@code lib/startup}. */
    static StartupCode openApart(Class<?> anchor, List<URL> libraries, String... ownPackages) {
        List<URL> jars = new ArrayList<>();
        jars.add(codeSource(anchor));
        jars.addAll(libraries);
        return new StartupCode(new StartupClassLoader("startup-" + ownPackages[0], jars.toArray(URL[]::new),
                anchor.getClassLoader(), List.of(ownPackages)), true);
    }

    /** A new instance of {@code className}, by its public no-argument constructor, seen as {@code type}. */
    public <T> T instantiate(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className, true, loader).getConstructor().newInstance());
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("start-up code " + className + " cannot be loaded: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("start-up code " + className + " failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The loader the code comes from: its own, or the anchor's when start-up code is not loaded apart. */
    public ClassLoader loader() {
        return loader;
    }

    @Override
    public void close() {
        if (own && loader instanceof StartupClassLoader apart) {
            try {
                apart.close();
            } catch (IOException e) {
                // only open jar files are closed here; the loader goes with its last reference either way
            }
        }
    }

    private static URL codeSource(Class<?> anchor) {
        try {
            return ClassLocation.of(anchor).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot tell where " + anchor.getName() + " was loaded from", e);
        }
    }
}
