package dev.ferry.runtime.startup;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * A class loader for start-up code: it defines the classes of its own packages itself, from its own jars, even where
 * its parent could load them too, so that they (and the libraries only they use) go when it is dropped; every other
 * class comes from the parent first, as usual.
 */
final class StartupClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final List<String> ownPackages;

    /** @param ownPackages package prefixes, each ending in a dot, such as {@code dev.ferry.agent.cli.} */
    StartupClassLoader(String name, URL[] jars, ClassLoader parent, List<String> ownPackages) {
        super(name, jars, parent);
        this.ownPackages = List.copyOf(ownPackages);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!owns(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private boolean owns(String className) {
        for (String prefix : ownPackages) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
