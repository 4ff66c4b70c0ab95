package dev.ferry.sink.mqtt;

import dev.ferry.api.PluginContext;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import java.util.List;

/** A source type with no keys, so sink configs can be loaded without a real source plugin. */
public final class TestSourceProvider implements SourceProvider<TestSourceProvider.NoKeys> {

    public record NoKeys() {}

    @Override
    public String type() {
        return "test";
    }

    @Override
    public Class<NoKeys> configType() {
        return NoKeys.class;
    }

    @Override
    public Source create(NoKeys config, PluginContext context) {
        return (PolledSource) deadline -> List.of();
    }
}
