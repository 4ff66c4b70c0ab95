package dev.ferry.management.auth.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ferry.api.Nullable;
import dev.ferry.management.auth.Scope;
import dev.ferry.api.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a JWT's claims must say once its signature is verified: an {@code exp} in the future, an {@code nbf} (if
 * any) in the past, the configured issuer and audience, and a {@code scope} claim. Time comes from the injected
 * clock, give or take the configured skew.
 */
record ClaimsRules(@Nullable String issuer, @Nullable String audience, Duration clockSkew, Clock clock) {

    private static final String SCOPE_CLAIM = "scope";

    Verification check(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return Verification.refused(RefusalReason.MISSING_EXPIRY, "the token has no exp claim; tokens must expire");
        }
        if (!now.isBefore(expiry.toInstant().plus(clockSkew))) {
            return Verification.refused(RefusalReason.EXPIRED, "the token expired at " + expiry.toInstant()
                    + " (clock skew allowed: " + Durations.format(clockSkew) + ")");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
            return Verification.refused(RefusalReason.NOT_YET_VALID, "the token is not valid before "
                    + notBefore.toInstant() + " (clock skew allowed: " + Durations.format(clockSkew) + ")");
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            return Verification.refused(RefusalReason.WRONG_ISSUER, "the token's issuer is "
                    + describe(claims.getIssuer()) + ", not " + Printable.quote(issuer));
        }
        if (audience != null && !claims.getAudience().contains(audience)) {
            return Verification.refused(RefusalReason.WRONG_AUDIENCE, "the token's audience " + describe(claims.getAudience())
                    + " does not include " + Printable.quote(audience));
        }
        Object scopeClaim = claims.getClaim(SCOPE_CLAIM);
        if (!(scopeClaim instanceof String scopeText)) {
            return Verification.refused(RefusalReason.MISSING_SCOPE_CLAIM, scopeClaim == null
                    ? "the token has no scope claim, so it grants nothing"
                    : "the token's scope claim is not a space-separated string, so it grants nothing");
        }
        return new Verification.Verified(principalOf(claims), scopesIn(scopeText));
    }

    // Scopes meant for other services may share the token; only ours count.
    private static Set<Scope> scopesIn(String scopeText) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String text : scopeText.strip().split("\\s+")) {
            Scope scope = Scope.ofText(text);
            if (scope != null) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    private static String principalOf(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        return subject == null || subject.isBlank() ? "JWT without subject" : Printable.clean(subject);
    }

    private static String describe(@Nullable String value) {
        return value == null ? "missing" : Printable.quote(value);
    }

    private static String describe(List<String> values) {
        return values.isEmpty() ? "(none)" : Printable.clean(String.join(", ", values));
    }
}
