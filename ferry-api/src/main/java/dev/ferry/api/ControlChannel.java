package dev.ferry.api;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A sink whose connection also carries the platform's commands to the agent, as an MQTT connection can: messages
 * on a topic the agent listens to, and reports it keeps there (retained). The agent uses the sink that
 * {@code control.sink} names; a sink that offers this implements it beside {@link Sink}.
 */
public interface ControlChannel {

    /**
     * Hands every message that arrives on {@code topic} to {@code onMessage}, from the next connection on (and on
     * every one after). Called before the sink first opens. {@code onMessage} runs on the connection's thread and
     * must return at once.
     */
    void listen(String topic, Consumer<byte[]> onMessage);

    /** Publishes {@code payload} to {@code topic}, kept by the far end for later subscribers; fails when not connected. */
    CompletionStage<Void> report(String topic, byte[] payload);

    /** Whether the connection is open now. */
    boolean connected();
}
