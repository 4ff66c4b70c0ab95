package dev.ferry.management.auth;

import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.StaticToken;
import static dev.ferry.management.auth.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaticTokenAuthenticationTest {

    private static final String READER = "r3aderT0ken-5f0c1e9a7b2d4c68a1e3f5b7d9c0e2a4";
    private static final String DIAGNOSER = "d1agnoserT0ken-0a2c4e6f8b1d3f5a7c9e1b3d5f7a9c0e";

    private Authenticator authenticator;

    @BeforeEach
    void setUp() throws IOException {
        authenticator = Authenticator.of(new AuthConfig(List.of(
                new StaticToken(READER, List.of("agent:read")),
                new StaticToken(DIAGNOSER, List.of("agent:read", "agent:diagnose"))), null), Path::of, Clock.systemUTC());
    }

    @Test
    void aConfiguredTokenWithTheScopeIsAllowedAndNamedByItsPlace() {
        Decision decision = authenticator.decide("Bearer " + DIAGNOSER, Scope.AGENT_DIAGNOSE);

        assertThat(decision).isEqualTo(new Decision(true, 200, "allowed", "token #2"));
        assertThat(decision.challenge()).isNull();
        assertThat(authenticator.decide("bearer  " + READER + " ", Scope.AGENT_READ).principal()).isEqualTo("token #1");
        assertThat(authenticator.configured()).isTrue();
    }

    @Test
    void noAuthorizationHeaderIsUnauthorized() {
        assertRefused(authenticator, null, Scope.AGENT_READ, 401, "missing_credentials");
        assertRefused(authenticator, "  ", Scope.AGENT_READ, 401, "missing_credentials");
    }

    @Test
    void anotherSchemeIsUnauthorizedWithoutEchoingIt() {
        assertRefused(authenticator, "Basic YWRtaW46c2VjcmV0", Scope.AGENT_READ, 401, "not_bearer");
        // A token sent bare, without a scheme, must not come back in the reason.
        Decision bare = assertRefused(authenticator, READER, Scope.AGENT_READ, 401, "not_bearer");
        assertThat(bare.reason()).doesNotContain(READER);
    }

    @Test
    void aTokenWithCharactersNoBearerTokenHasIsMalformed() {
        assertRefused(authenticator, "Bearer " + READER + " extra", Scope.AGENT_READ, 401, "malformed_token");
        assertRefused(authenticator, "Bearer ", Scope.AGENT_READ, 401, "malformed_token");
        assertRefused(authenticator, "Bearer " + "a".repeat(10_000), Scope.AGENT_READ, 401, "malformed_token");
    }

    @Test
    void anUnknownTokenIsUnauthorized() {
        assertRefused(authenticator, "Bearer " + READER + "x", Scope.AGENT_READ, 401, "unknown_token");
        assertRefused(authenticator, "Bearer " + READER.substring(1), Scope.AGENT_READ, 401, "unknown_token");
    }

    @Test
    void theRightTokenWithoutTheScopeIsForbidden() {
        Decision decision = assertRefused(authenticator, "Bearer " + READER, Scope.AGENT_DIAGNOSE, 403, "insufficient_scope");

        assertThat(decision.reason()).isEqualTo("the token does not grant agent:diagnose");
        assertThat(decision.principal()).isEqualTo("token #1");
        assertThat(decision.challenge()).contains("error=\"insufficient_scope\"");
    }

    @Test
    void aJwtShapedTokenIsUnknownWhenNoJwtIsConfigured() {
        assertRefused(authenticator, "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", Scope.AGENT_READ, 401,
                "unknown_token");
    }

    @Test
    void refusalsAreCountedByReasonWithEveryReasonListed() {
        authenticator.decide(null, Scope.AGENT_READ);
        authenticator.decide(null, Scope.AGENT_READ);
        authenticator.decide("Bearer " + READER, Scope.CONFIG_WRITE);
        authenticator.decide("Bearer " + READER, Scope.AGENT_READ);

        assertThat(authenticator.refusalsByReason())
                .containsEntry("missing_credentials", 2L)
                .containsEntry("insufficient_scope", 1L)
                .containsEntry("expired", 0L)
                .hasSize(14);
    }

    @Test
    void withoutTokensNothingIsConfiguredAndEveryTokenIsUnknown() throws IOException {
        Authenticator none = Authenticator.of(AuthConfig.none(), Path::of, Clock.systemUTC());

        assertThat(none.configured()).isFalse();
        assertRefused(none, "Bearer " + READER, Scope.AGENT_READ, 401, "unknown_token");
    }

    @Test
    void aConfigWithAnUnknownScopeIsRefusedAtTheScope() {
        AuthConfig config = new AuthConfig(List.of(new StaticToken(READER, List.of("agent:read", "agent:raed"))), null);

        assertThatThrownBy(() -> Authenticator.of(config, Path::of, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tokens.0.scopes.1: unknown scope \"agent:raed\"");
    }

    @Test
    void theTokenIsNeverShownByTheConfig() {
        assertThat(new StaticToken(READER, List.of("agent:read")).toString()).doesNotContain(READER);
    }
}
