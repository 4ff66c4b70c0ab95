package dev.ferry.runtime.config;

import dev.ferry.api.config.Doc;
import java.util.List;

/** One fixed bearer token and what it grants; an item of {@code auth.tokens}. */
public record StaticToken(
        @Doc("The token a client sends as `Authorization: Bearer <token>`. Write it as ${ENV_NAME} to keep it out of"
                + " the file, and make it random and long, e.g. from `openssl rand -hex 32`.")
        String token,
        @Doc("What the token may do: agent:read (status, metrics, ready), agent:diagnose (diagnostics),"
                + " config:write (reload), agent:update (install a new version).")
        List<String> scopes) {

    public StaticToken {
        scopes = List.copyOf(scopes);
    }

    /** The token is a secret: never shown. */
    @Override
    public String toString() {
        return "StaticToken[token=***, scopes=" + scopes + "]";
    }
}
