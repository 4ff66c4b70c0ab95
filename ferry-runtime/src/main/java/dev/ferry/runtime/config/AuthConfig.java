package dev.ferry.runtime.config;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import java.util.List;

/**
 * The {@code auth:} key of the {@code management:} section: which bearer tokens the endpoint accepts, and what each
 * may do. Static tokens and JWTs may be configured together; a request is allowed by either.
 */
public record AuthConfig(
        @Doc("Fixed bearer tokens, each with the scopes it grants.")
        @Default("[]") List<StaticToken> tokens,
        @Doc("Accept JWTs signed by these keys as bearer tokens. Left out: no JWT is accepted.")
        @Nullable JwtConfig jwt) {

    public AuthConfig {
        tokens = List.copyOf(tokens);
    }

    /** No token of any kind: only what needs none (such as {@code /health}) can be reached. */
    public static AuthConfig none() {
        return new AuthConfig(List.of(), null);
    }
}
