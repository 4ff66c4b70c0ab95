package dev.ferry.runtime.config;

import dev.ferry.runtime.plugin.PluginLoadException;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Finds the config files under {@code src/test/resources/config} and the test plugins. */
final class TestConfigs {

    private TestConfigs() {}

    static Path resource(String name) {
        try {
            return Path.of(TestConfigs.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test plugins registered under src/test/resources/META-INF/services. */
    static PluginRegistry registry() {
        try {
            return PluginRegistry.load(TestConfigs.class.getClassLoader());
        } catch (PluginLoadException e) {
            throw new IllegalStateException(e);
        }
    }
}
