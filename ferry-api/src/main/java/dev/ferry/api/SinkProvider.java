package dev.ferry.api;

/**
 * Makes sinks of one type. Found with {@link java.util.ServiceLoader}; two providers with the same
 * {@link #type()} stop the agent from starting.
 *
 * @param <C> the record the sink's config section binds to
 */
public interface SinkProvider<C extends Record> {

    String type();

    Class<C> configType();

    default java.util.List<ConfigProblem> validate(C config) {
        return java.util.List.of();
    }

    /**
     * Reads the files the config names (certificates, keys, CA bundles) and says what is wrong with them, for
     * {@code ferry check}, which creates nothing. Keys are relative to the section, e.g. {@code tls.key}. Only a
     * check calls this; {@link #create} reads the files anyway.
     *
     * @param resolve turns a path written in the config into a file, as {@link PluginContext#resolve} does
     */
    default java.util.List<ConfigProblem> checkFiles(C config, java.util.function.Function<String, java.nio.file.Path> resolve) {
        return java.util.List.of();
    }

    /**
     * The tags this sink expects on every reading, by the key of its section that names them (a topic's
     * {@code {tag:NAME}}); keys relative to the section. {@code ferry check} warns when some source of the config
     * does not guarantee one of them.
     */
    /**
     * Whether this plugin's sinks implement {@link ControlChannel}, so that {@code control.sink} may name one; the
     * config check asks before any sink exists.
     */
    default boolean carriesControl() {
        return false;
    }

    default java.util.Map<String, java.util.Set<String>> tagsUsed(C config) {
        return java.util.Map.of();
    }

    Sink create(C config, PluginContext context) throws Exception;
}
