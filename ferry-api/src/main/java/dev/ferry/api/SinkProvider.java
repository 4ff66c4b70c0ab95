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

    Sink create(C config, PluginContext context) throws Exception;
}
