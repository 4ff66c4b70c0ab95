package dev.ferry.runtime.pipeline;

/** The agent could not start; the message says which component and why. */
public final class AgentStartException extends Exception {

    public AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
