package dev.ferry.runtime.config;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;

/**
 * One entry of {@code sinks:}, bound and validated; compared by value on reload like {@link ConfiguredSource}.
 *
 * @param config the plugin's own keys, an instance of {@code provider.configType()}
 */
public record ConfiguredSink(String name, SinkSettings settings, Record config, SinkProvider<?> provider) {

    public ConfiguredSink {
        if (!provider.configType().isInstance(config)) {
            throw new IllegalArgumentException(name + ": config " + config.getClass().getName() + " is not a "
                    + provider.configType().getName());
        }
    }

    /** The tags the sink's config expects on every reading, by the key that names them. */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, java.util.Set<String>> tagsUsed() {
        return ((SinkProvider<Record>) provider).tagsUsed(config);
    }

    /** Creates the sink with its plugin. */
    @SuppressWarnings("unchecked")
    public Sink create(PluginContext context) throws Exception {
        // Safe: the constructor checked that config is an instance of the provider's config type.
        return ((SinkProvider<Record>) provider).create(config, context);
    }
}
