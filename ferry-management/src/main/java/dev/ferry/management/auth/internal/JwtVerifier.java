package dev.ferry.management.auth.internal;

/**
 * Checks a JWT bearer token: signature, algorithm, times, issuer, audience and scopes. Names no type of the JWT
 * library, so that holding one loads none of it; create one with {@link JwtVerifiers#load}.
 *
 * <p>Safe for many request threads at once.
 */
public interface JwtVerifier {

    /** Whether {@code token} could be a JWS in compact form (three dot-separated parts), worth parsing at all. */
    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    Verification verify(String token);
}
