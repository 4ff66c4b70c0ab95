package dev.ferry.testkit;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;

/**
 * Stands in for the {@code stdout} sink that example configs name, so a source plugin's test can load its example
 * without the sink module. Hand it to the registry explicitly; it is not a service of this module, so that it
 * never clashes with the real {@code stdout} sink on a classpath that has both.
 */
public final class StdoutStandIn implements SinkProvider<StdoutStandIn.NoKeys> {

    /** The stand-in takes no keys. */
    public record NoKeys() {}

    @Override
    public String type() {
        return "stdout";
    }

    @Override
    public Class<NoKeys> configType() {
        return NoKeys.class;
    }

    /** Never called: configs that name it are only loaded, never run. */
    @Override
    public Sink create(NoKeys config, PluginContext context) {
        throw new UnsupportedOperationException("the stdout stand-in is only loaded, never run");
    }
}
