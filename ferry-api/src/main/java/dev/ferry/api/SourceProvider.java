package dev.ferry.api;

/**
 * Makes sources of one type. Found with {@link java.util.ServiceLoader}; two providers with the same
 * {@link #type()} stop the agent from starting.
 *
 * @param <C> the record the source's config section binds to; its components are the plugin's config keys
 */
public interface SourceProvider<C extends Record> {

    /** The {@code type:} value in the config, e.g. {@code simulated}. */
    String type();

    Class<C> configType();

    /** Cross-field checks the binder cannot do; return an empty list when the config is sound. */
    default java.util.List<ConfigProblem> validate(C config) {
        return java.util.List.of();
    }

    /**
     * Tags this source sets on every reading from what only it can know, such as the tenant and device proven by a
     * client certificate. A configured {@code tags:} may not name them: it would override them for every reading.
     */
    default java.util.Set<String> ownTags() {
        return java.util.Set.of();
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
     * The ports the source listens on (a server such as the CoAP ingress), for {@code ferry check} to find one that
     * another program holds; none by default.
     */
    default java.util.List<dev.ferry.api.net.ServedPort> servedPorts(C config) {
        return java.util.List.of();
    }

    Source create(C config, PluginContext context) throws Exception;
}
