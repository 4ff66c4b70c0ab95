package dev.ferry.management.auth;

import dev.ferry.api.Nullable;

/**
 * Whether one request may go on, and if not, the HTTP answer.
 *
 * @param status 200 when allowed; 401 when the credentials are missing, malformed or not valid; 403 when they are
 *     valid but lack the scope the request needs
 * @param reason one line for the response body and the log; never holds the token
 * @param principal who asked: {@code token #1} for the first static token, or a JWT's subject; empty when unknown
 */
public record Decision(boolean allowed, int status, String reason, String principal) {

    static final int OK = 200;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;

    static Decision allow(String principal) {
        return new Decision(true, OK, "allowed", principal);
    }

    /**
     * The {@code WWW-Authenticate} header a refusal is sent with (RFC 6750), or null when the request is allowed.
     */
    public @Nullable String challenge() {
        return switch (status) {
            case UNAUTHORIZED -> "Bearer realm=\"ferry\"";
            case FORBIDDEN -> "Bearer realm=\"ferry\", error=\"insufficient_scope\"";
            default -> null;
        };
    }
}
