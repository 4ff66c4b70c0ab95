package dev.ferry.runtime.config;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;

/**
 * One entry of {@code sources:}, bound and validated. Equal to another when name, settings, plugin config and
 * provider are, which is what a reload compares to decide whether to restart a source.
 *
 * @param config the plugin's own keys, an instance of {@code provider.configType()}
 */
public record ConfiguredSource(String name, SourceSettings settings, Record config, SourceProvider<?> provider) {

    public ConfiguredSource {
        if (!provider.configType().isInstance(config)) {
            throw new IllegalArgumentException(name + ": config " + config.getClass().getName() + " is not a "
                    + provider.configType().getName());
        }
    }

    /** Creates the source with its plugin. */
    @SuppressWarnings("unchecked")
    public Source create(PluginContext context) throws Exception {
        // Safe: the constructor checked that config is an instance of the provider's config type.
        return ((SourceProvider<Record>) provider).create(config, context);
    }
}
