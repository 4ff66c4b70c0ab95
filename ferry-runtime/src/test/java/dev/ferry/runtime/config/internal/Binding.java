package dev.ferry.runtime.config.internal;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import java.nio.file.Path;
import java.util.Map;

/** Binds a snippet of YAML or TOML straight to a record, as the loader does for one section. */
final class Binding {

    private Binding() {}

    static <R extends Record> R yaml(String text, Class<R> type) throws ConfigException {
        return yaml(text, type, Map.of());
    }

    static <R extends Record> R yaml(String text, Class<R> type, Map<String, String> env) throws ConfigException {
        Problems problems = new Problems();
        return bind(ConfigTrees.read(text, Path.of("t.yaml"), ConfigFormat.YAML, problems), type, env, problems);
    }

    static <R extends Record> R toml(String text, Class<R> type) throws ConfigException {
        return bind(ConfigTrees.read(text, Path.of("t.toml"), ConfigFormat.TOML), type, Map.of(), new Problems());
    }

    private static <R extends Record> R bind(ConfigMap root, Class<R> type, Map<String, String> env, Problems problems)
            throws ConfigException {
        R bound = new Binder(new EnvSubstitution(env), problems).bindRecord(root, type, "", root.origin());
        problems.throwIfAny();
        return bound;
    }
}
