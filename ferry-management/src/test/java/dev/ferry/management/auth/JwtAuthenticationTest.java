package dev.ferry.management.auth;

import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.StaticToken;
import dev.ferry.runtime.config.JwtConfig;
import static dev.ferry.management.auth.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticationTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String ISSUER = "https://ops.example.com";
    private static final String AUDIENCE = "gw-01";

    private static KeyPair ec;
    private static KeyPair rsa;
    private static KeyPair ed;

    @TempDir
    Path dir;

    private Authenticator authenticator;

    @BeforeAll
    static void generateKeys() {
        ec = TestKeys.ecP256();
        rsa = TestKeys.rsa(2048);
        ed = TestKeys.ed25519();
    }

    @BeforeEach
    void setUp() throws IOException {
        TestKeys.writePublicKey(dir, "ec.pem", ec);
        TestKeys.writePublicKey(dir, "rsa.pem", rsa);
        TestKeys.writePublicKey(dir, "ed.pem", ed);
        JwtConfig jwt = new JwtConfig(List.of("ec.pem", "rsa.pem", "ed.pem"), ISSUER, AUDIENCE, Duration.ofSeconds(60));
        authenticator = Authenticator.of(new AuthConfig(List.of(), jwt), dir::resolve, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder()
                .subject("alice@ops")
                .issuer(ISSUER)
                .audience(List.of("gw-00", AUDIENCE))
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .notBeforeTime(Date.from(NOW.minusSeconds(10)))
                .claim("scope", "agent:read agent:diagnose other:thing");
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void es256Rs256AndEd25519TokensAreAllowedAsTheirSubject() {
        assertThat(authenticator.decide(bearer(TestJwts.es256(ec, valid().build())), Scope.AGENT_DIAGNOSE))
                .isEqualTo(new Decision(true, 200, "allowed", "alice@ops"));
        assertThat(authenticator.decide(bearer(TestJwts.rs256(rsa, valid().build())), Scope.AGENT_READ).allowed()).isTrue();
        assertThat(authenticator.decide(bearer(TestJwts.ed25519(ed, "EdDSA", valid().build())), Scope.AGENT_READ).allowed())
                .isTrue();
        assertThat(authenticator.decide(bearer(TestJwts.ed25519(ed, "Ed25519", valid().build())), Scope.AGENT_READ).allowed())
                .isTrue();
        assertThat(authenticator.refusalsByReason().values()).containsOnly(0L);
    }

    @Test
    void expiryAndNotBeforeAllowTheClockSkew() {
        String justExpired = TestJwts.es256(ec, valid().expirationTime(Date.from(NOW.minusSeconds(59))).build());
        String almostValid = TestJwts.es256(ec, valid().notBeforeTime(Date.from(NOW.plusSeconds(59))).build());

        assertThat(authenticator.decide(bearer(justExpired), Scope.AGENT_READ).allowed()).isTrue();
        assertThat(authenticator.decide(bearer(almostValid), Scope.AGENT_READ).allowed()).isTrue();
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String token = TestJwts.es256(ec, valid().expirationTime(Date.from(NOW.minusSeconds(61))).build());

        Decision decision = assertRefused(authenticator, bearer(token), Scope.AGENT_READ, 401, "expired");
        assertThat(decision.reason()).isEqualTo("the token expired at 2029-12-31T23:58:59Z (clock skew allowed: 1m)");
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorized() {
        String token = TestJwts.es256(ec, valid().expirationTime(null).build());

        assertRefused(authenticator, bearer(token), Scope.AGENT_READ, 401, "missing_expiry");
    }

    @Test
    void aTokenNotYetValidIsUnauthorized() {
        String token = TestJwts.rs256(rsa, valid().notBeforeTime(Date.from(NOW.plusSeconds(120))).build());

        assertRefused(authenticator, bearer(token), Scope.AGENT_READ, 401, "not_yet_valid");
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        String token = TestJwts.es256(ec, valid().issuer("https://evil.example.com").build());

        Decision decision = assertRefused(authenticator, bearer(token), Scope.AGENT_READ, 401, "wrong_issuer");
        assertThat(decision.reason()).isEqualTo("the token's issuer is \"https://evil.example.com\", not \"https://ops.example.com\"");
        assertRefused(authenticator, bearer(TestJwts.es256(ec, valid().issuer(null).build())), Scope.AGENT_READ, 401,
                "wrong_issuer");
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        String token = TestJwts.es256(ec, valid().audience("gw-02").build());

        assertRefused(authenticator, bearer(token), Scope.AGENT_READ, 401, "wrong_audience");
        assertRefused(authenticator, bearer(TestJwts.es256(ec, valid().audience((String) null).build())), Scope.AGENT_READ,
                401, "wrong_audience");
    }

    @Test
    void aTokenWithoutScopeClaimIsForbidden() {
        String token = TestJwts.es256(ec, valid().claim("scope", null).build());

        Decision decision = assertRefused(authenticator, bearer(token), Scope.AGENT_READ, 403, "missing_scope_claim");
        assertThat(decision.reason()).isEqualTo("the token has no scope claim, so it grants nothing");
    }

    @Test
    void aTokenWithoutTheScopeIsForbiddenAndNamesItsSubject() {
        String token = TestJwts.ed25519(ed, "EdDSA", valid().claim("scope", "agent:read").build());

        Decision decision = assertRefused(authenticator, bearer(token), Scope.AGENT_DIAGNOSE, 403, "insufficient_scope");
        assertThat(decision.principal()).isEqualTo("alice@ops");
        assertRefused(authenticator, bearer(TestJwts.es256(ec, valid().claim("scope", List.of("agent:read")).build())),
                Scope.AGENT_READ, 403, "missing_scope_claim");
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        Decision decision = assertRefused(authenticator, bearer(TestJwts.unsigned(valid().build())), Scope.AGENT_READ, 401,
                "unsigned_token");

        assertThat(decision.reason()).contains("alg none");
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsUnauthorized() {
        for (KeyPair pair : List.of(ec, rsa, ed)) {
            String token = TestJwts.hs256(pair.getPublic().getEncoded(), valid().build());

            Decision decision = assertRefused(authenticator, bearer(token), Scope.AGENT_READ, 401, "algorithm_not_accepted");
            assertThat(decision.reason()).isEqualTo(
                    "the token is signed with \"HS256\"; the configured keys accept [ES256, Ed25519, EdDSA, RS256]");
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorized() {
        assertRefused(authenticator, bearer(TestJwts.es256(TestKeys.ecP256(), valid().build())), Scope.AGENT_READ, 401,
                "bad_signature");
        assertRefused(authenticator, bearer(TestJwts.rs256(TestKeys.rsa(2048), valid().build())), Scope.AGENT_READ, 401,
                "bad_signature");
        assertRefused(authenticator, bearer(TestJwts.ed25519(TestKeys.ed25519(), "EdDSA", valid().build())), Scope.AGENT_READ,
                401, "bad_signature");
    }

    @Test
    void aTokenWhoseClaimsWereChangedAfterSigningIsUnauthorized() {
        String[] parts = TestJwts.es256(ec, valid().claim("scope", "agent:read").build()).split("\\.");
        String widened = parts[0] + "." + valid().build().toPayload().toBase64URL() + "." + parts[2];

        assertRefused(authenticator, bearer(widened), Scope.AGENT_DIAGNOSE, 401, "bad_signature");
    }

    @Test
    void anAlgorithmNoConfiguredKeyUsesIsUnauthorized() throws IOException {
        Authenticator ecOnly = Authenticator.of(new AuthConfig(List.of(),
                new JwtConfig(List.of("ec.pem"), null, null, Duration.ofSeconds(60))), dir::resolve, Clock.fixed(NOW, ZoneOffset.UTC));

        assertRefused(ecOnly, bearer(TestJwts.rs256(rsa, valid().build())), Scope.AGENT_READ, 401, "algorithm_not_accepted");
        assertThat(ecOnly.decide(bearer(TestJwts.es256(ec, valid().build())), Scope.AGENT_READ).allowed()).isTrue();
    }

    @Test
    void aGarbledTokenIsUnauthorized() {
        String token = TestJwts.es256(ec, valid().build());

        assertRefused(authenticator, bearer("abc.def.ghi"), Scope.AGENT_READ, 401, "malformed_token");
        assertRefused(authenticator, bearer(token.substring(0, token.length() / 2) + ".x"), Scope.AGENT_READ, 401,
                "bad_signature");
        assertRefused(authenticator, bearer(token.replace('.', '~')), Scope.AGENT_READ, 401, "unknown_token");
        assertRefused(authenticator, bearer(TestJwts.encode("{\"alg\":\"ES256\"}") + "." + TestJwts.encode("not json")
                + ".c2lnbmF0dXJlc2lnbmF0dXJl"), Scope.AGENT_READ, 401, "bad_signature");
        assertRefused(authenticator, bearer(TestJwts.encode("{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}") + "."
                + valid().build().toPayload().toBase64URL() + ".c2ln"), Scope.AGENT_READ, 401, "malformed_token");
    }

    @Test
    void staticTokensAndJwtsWorkTogether() throws IOException {
        String fixed = "f1xedT0ken-4c1d3e5f7a9b0c2d4e6f8a0b1c3d5e7f";
        Authenticator both = Authenticator.of(new AuthConfig(List.of(new StaticToken(fixed, List.of("agent:read"))),
                new JwtConfig(List.of("ec.pem"), null, null, Duration.ofSeconds(60))), dir::resolve, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(both.decide(bearer(fixed), Scope.AGENT_READ).principal()).isEqualTo("token #1");
        assertThat(both.decide(bearer(TestJwts.es256(ec, valid().build())), Scope.AGENT_READ).principal()).isEqualTo("alice@ops");
    }
}
