package dev.ferry.agent.cli;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.config.internal.ConfigEntry;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.ConfigNode;
import dev.ferry.runtime.config.internal.ConfigScalar;
import dev.ferry.runtime.config.internal.EnvSubstitution;
import dev.ferry.runtime.config.internal.Origin;
import dev.ferry.runtime.config.internal.Problems;
import dev.ferry.runtime.config.internal.ConfigTrees;
import dev.ferry.runtime.net.ListenAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a config's agent serves its management endpoint: {@code management.enabled} and {@code management.listen},
 * read from that section alone. The commands that ask the running agent need nothing else, so they work in a shell
 * that has none of the agent's secrets ({@code ${VAR}} elsewhere in the config stays unread) and load no plugin.
 *
 * @param enabled {@code management.enabled}
 * @param listen {@code management.listen}
 */
record ManagementAddress(boolean enabled, ListenAddress listen) {

    static ManagementAddress of(ConfigOption config, Map<String, String> env) throws ConfigException, IOException {
        Path name = Path.of(config.describe());
        String text = config.text();
        ConfigMap root = ConfigTrees.read(text, name, config.format());
        ManagementSettings defaults = ManagementSettings.defaults();
        ConfigMap management = root.entry("management") != null && root.entry("management").value() instanceof ConfigMap map
                ? map : ConfigMap.empty(Origin.top(name));
        EnvSubstitution substitution = new EnvSubstitution(env);
        String enabled = scalar(management, "enabled", Boolean.toString(defaults.enabled()), substitution);
        String listen = scalar(management, "listen", defaults.listen(), substitution);
        try {
            return new ManagementAddress(!enabled.equals("false"), ListenAddress.parse(listen));
        } catch (IllegalArgumentException e) {
            throw Problems.single(Origin.top(name), "management.listen", e.getMessage());
        }
    }

    private static String scalar(ConfigMap section, String key, String fallback, EnvSubstitution substitution)
            throws ConfigException {
        ConfigEntry entry = section.entry(key);
        ConfigNode value = entry == null ? null : entry.value();
        if (!(value instanceof ConfigScalar scalar) || scalar.isNull()) {
            return fallback;
        }
        try {
            return substitution.apply(scalar.text());
        } catch (EnvSubstitution.Failure e) {
            throw Problems.single(scalar.origin(), "management." + key, e.getMessage());
        }
    }
}
