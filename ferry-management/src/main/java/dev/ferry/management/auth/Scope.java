package dev.ferry.management.auth;

import dev.ferry.api.Nullable;
import java.util.Arrays;
import java.util.List;

/**
 * What a token may do at the management endpoint, named as OAuth scopes are ({@code scope} claim, RFC 8693):
 * reading the agent's state, asking it for diagnostics, changing its config, updating it.
 */
public enum Scope {
    /** {@code /status}, {@code /metrics}, {@code /ready}. */
    AGENT_READ("agent:read"),
    /** {@code /diagnostics}. */
    AGENT_DIAGNOSE("agent:diagnose"),
    /** {@code /reload}. */
    CONFIG_WRITE("config:write"),
    /** {@code /update}: installing a new version of the agent. */
    AGENT_UPDATE("agent:update");

    private final String text;

    Scope(String text) {
        this.text = text;
    }

    /** The scope as written in config and in a JWT's {@code scope} claim, e.g. {@code agent:read}. */
    public String text() {
        return text;
    }

    /** The scope written {@code text}, or null when there is none by that name. */
    public static @Nullable Scope ofText(String text) {
        for (Scope scope : values()) {
            if (scope.text.equals(text)) {
                return scope;
            }
        }
        return null;
    }

    /** Every scope's text, for messages that list what is accepted. */
    public static List<String> texts() {
        return Arrays.stream(values()).map(Scope::text).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
