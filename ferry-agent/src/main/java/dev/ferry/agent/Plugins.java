package dev.ferry.agent;

import dev.ferry.runtime.plugin.PluginLoadException;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.nio.file.Path;

/**
 * The agent's plugins: the built-in ones on its class path, and those installed as folders in {@code plugins/}
 * beside the agent's jar (or in the folder the system property {@code ferry.plugins} names).
 */
public final class Plugins {

    private Plugins() {}

    public static PluginRegistry registry() throws PluginLoadException {
        return PluginRegistry.load(Main.class.getClassLoader(), folder());
    }

    public static Path folder() {
        String configured = System.getProperty("ferry.plugins");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Main.home().resolve("plugins");
    }
}
