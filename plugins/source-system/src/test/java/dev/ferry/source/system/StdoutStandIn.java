package dev.ferry.source.system;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;

/** Stands in for the {@code stdout} sink the example names, so the example loads without the sink module. */
final class StdoutStandIn implements SinkProvider<StdoutStandIn.NoKeys> {

    record NoKeys() {}

    @Override
    public String type() {
        return "stdout";
    }

    @Override
    public Class<NoKeys> configType() {
        return NoKeys.class;
    }

    @Override
    public Sink create(NoKeys config, PluginContext context) {
        throw new UnsupportedOperationException("only loaded, never run");
    }
}
