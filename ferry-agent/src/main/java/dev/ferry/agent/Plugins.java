package dev.ferry.agent;

import dev.ferry.runtime.plugin.PluginLoadException;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The agent's plugins: the built-in ones on its class path, and those installed as folders in {@code plugins/}
 * beside the agent's jar (or in the folder the system property {@code ferry.plugins} names).
 */
final class Plugins {

    private Plugins() {}

    static PluginRegistry registry() throws PluginLoadException {
        return PluginRegistry.load(Main.class.getClassLoader(), folder());
    }

    static Path folder() {
        String configured = System.getProperty("ferry.plugins");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        CodeSource code = Main.class.getProtectionDomain().getCodeSource();
        try {
            return Path.of(code.getLocation().toURI()).toAbsolutePath().getParent().resolve("plugins");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("plugins");
        }
    }
}
