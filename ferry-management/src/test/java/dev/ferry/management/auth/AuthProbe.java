package dev.ferry.management.auth;

import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.StaticToken;
import dev.ferry.runtime.config.JwtConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Uses the authenticator as the server would, from inside an isolating class loader: static tokens only, or with
 * {@code jwt:} set to the key file {@code ec.pem} in the given directory.
 */
public final class AuthProbe implements BiFunction<Path, Boolean, String> {

    private static final String TOKEN = "pr0beT0ken-0123456789abcdef0123456789abcdef";

    @Override
    public String apply(Path dir, Boolean withJwt) {
        JwtConfig jwt = withJwt ? new JwtConfig(List.of("ec.pem"), null, null, java.time.Duration.ofSeconds(60)) : null;
        AuthConfig config = new AuthConfig(List.of(new StaticToken(TOKEN, List.of("agent:read"))), jwt);
        try {
            Authenticator authenticator = Authenticator.of(config, dir::resolve, Clock.systemUTC());
            return Authenticator.check(config, dir::resolve) + " "
                    + authenticator.decide("Bearer " + TOKEN, Scope.AGENT_READ) + " "
                    + authenticator.decide("Bearer x.y.z", Scope.AGENT_READ) + " "
                    + authenticator.decide(null, Scope.AGENT_READ) + " "
                    + authenticator.refusalsByReason();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
