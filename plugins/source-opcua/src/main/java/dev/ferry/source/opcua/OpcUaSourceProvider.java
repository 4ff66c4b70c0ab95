package dev.ferry.source.opcua;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import dev.ferry.source.opcua.internal.OpcUaSources;
import java.util.List;

/**
 * {@code type: opcua}: monitored items and polled reads from an OPC UA server. This class and the config records
 * touch nothing of the OPC UA stack; it is loaded in {@link #create} only, so an agent without an opcua source
 * keeps the stack (Netty, Bouncy Castle, Milo) out of memory.
 */
public final class OpcUaSourceProvider implements SourceProvider<OpcUaConfig> {

    @Override
    public String type() {
        return "opcua";
    }

    @Override
    public Class<OpcUaConfig> configType() {
        return OpcUaConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(OpcUaConfig config) {
        return OpcUaConfigCheck.problems(config);
    }

    @Override
    public Source create(OpcUaConfig config, PluginContext context) throws Exception {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.getFirst();
            throw new IllegalArgumentException("sources." + context.name() + "." + first.key() + ": " + first.message());
        }
        return OpcUaSources.create(config, context);
    }
}
