package dev.ferry.management.auth;

import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.JwtConfig;
import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.management.auth.internal.AuthChecks;
import dev.ferry.management.auth.internal.BearerToken;
import dev.ferry.management.auth.internal.JwtVerifier;
import dev.ferry.management.auth.internal.JwtVerifiers;
import dev.ferry.management.auth.internal.RefusalCounts;
import dev.ferry.management.auth.internal.RefusalReason;
import dev.ferry.management.auth.internal.StaticTokens;
import dev.ferry.management.auth.internal.Verification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides whether one request to the management endpoint may have what it asks for, from its
 * {@code Authorization} header and the scope the endpoint needs. The server decides which endpoints need a token
 * at all; this class decides whether the token given is good enough.
 *
 * <p>Safe for many request threads at once. Nothing here logs, and no reason or exception holds a token.
 */
public final class Authenticator {

    private final StaticTokens staticTokens;
    private final @Nullable JwtVerifier jwtVerifier;
    private final RefusalCounts refusals = new RefusalCounts();

    private Authenticator(StaticTokens staticTokens, @Nullable JwtVerifier jwtVerifier) {
        this.staticTokens = staticTokens;
        this.jwtVerifier = jwtVerifier;
    }

    /**
     * An authenticator for a bound {@code auth:} section. The JWT library is loaded only when {@code jwt} is set.
     *
     * @param resolvePath turns a configured key path into a file, relative paths against the config's directory
     * @param clock what {@code exp} and {@code nbf} are checked against
     * @throws IOException naming the key ({@code jwt.keys.0}), the file and the problem, when a key file cannot be used
     * @throws IllegalArgumentException when {@link #check} would report a problem that needs no file
     */
    public static Authenticator of(AuthConfig config, Function<String, Path> resolvePath, Clock clock) throws IOException {
        List<ConfigProblem> problems = AuthChecks.settings(config);
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.getFirst();
            throw new IllegalArgumentException(first.key() + ": " + first.message());
        }
        JwtConfig jwt = config.jwt();
        return new Authenticator(StaticTokens.of(config.tokens()),
                jwt == null ? null : JwtVerifiers.load(jwt, resolvePath, clock));
    }

    /**
     * Every problem in an {@code auth:} section, key files read too, for {@code ferry check}. Keys are relative to
     * the section: {@code tokens.0.scopes.1}, {@code jwt.keys.0}.
     */
    public static List<ConfigProblem> check(AuthConfig config, Function<String, Path> resolvePath) {
        return AuthChecks.all(config, resolvePath);
    }

    /** Whether any token is configured; with none, every request that needs one is refused. */
    public boolean configured() {
        return !staticTokens.isEmpty() || jwtVerifier != null;
    }

    /**
     * Whether a request with this {@code Authorization} header may use an endpoint that needs {@code required}.
     * A refusal is counted under its reason.
     */
    public Decision decide(@Nullable String authorizationHeader, Scope required) {
        Verification verification = verify(authorizationHeader);
        return switch (verification) {
            case Verification.Refused refused -> refuse(refused.reason(), refused.detail(), "");
            case Verification.Verified verified when verified.scopes().contains(required) -> Decision.allow(verified.principal());
            case Verification.Verified verified -> refuse(RefusalReason.INSUFFICIENT_SCOPE,
                    "the token does not grant " + required.text(), verified.principal());
        };
    }

    /** Refused requests so far by reason code (e.g. {@code expired}), every reason listed, zeros too. */
    public Map<String, Long> refusalsByReason() {
        return refusals.snapshot();
    }

    private Verification verify(@Nullable String authorizationHeader) {
        BearerToken.Extracted extracted = BearerToken.extract(authorizationHeader);
        String token = extracted.token();
        if (token == null) {
            return extracted.refusal();
        }
        Verification.Verified fixed = staticTokens.match(token);
        if (fixed != null) {
            return fixed;
        }
        if (jwtVerifier != null && JwtVerifier.looksLikeJwt(token)) {
            return jwtVerifier.verify(token);
        }
        return Verification.refused(RefusalReason.UNKNOWN_TOKEN, "unknown token");
    }

    private Decision refuse(RefusalReason reason, String detail, String principal) {
        refusals.count(reason);
        return new Decision(false, reason.status(), detail, principal);
    }
}
