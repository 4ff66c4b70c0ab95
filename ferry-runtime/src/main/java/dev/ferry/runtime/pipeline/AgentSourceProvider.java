package dev.ferry.runtime.pipeline;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;

/**
 * {@code type: agent}: the agent's own figures and every component's health changes as readings, at the source's
 * {@code interval}, so they reach the platform through any sink with the same store-and-forward and IDs as field
 * data, also after an outage (as Telegraf's {@code inputs.internal}).
 */
public final class AgentSourceProvider implements SourceProvider<AgentSourceProvider.NoKeys> {

    /** The source has no keys of its own: {@code interval} and {@code tags} are common to every source. */
    public record NoKeys() {}

    @Override
    public String type() {
        return "agent";
    }

    @Override
    public Class<NoKeys> configType() {
        return NoKeys.class;
    }

    @Override
    public Source create(NoKeys config, PluginContext context) {
        if (!(context instanceof AgentPluginContext inAgent)) {
            throw new IllegalStateException("an agent source reads the agent that runs it, and runs only inside one");
        }
        return new AgentFiguresSource(context.name(), inAgent.agent(), context.clock());
    }
}
