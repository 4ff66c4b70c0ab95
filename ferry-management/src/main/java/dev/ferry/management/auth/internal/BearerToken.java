package dev.ferry.management.auth.internal;

import dev.ferry.api.Nullable;
import java.util.regex.Pattern;

/** Takes the token out of an {@code Authorization: Bearer <token>} header (RFC 6750 section 2.1). */
public final class BearerToken {

    /** The characters a bearer token may have: RFC 6750's b64token. */
    public static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /** Far above any sane JWT; stops a client from making us hash or parse megabytes. */
    private static final int MAX_LENGTH = 8192;

    private static final String SCHEME = "bearer ";

    private BearerToken() {}

    /** The token, or the reason the header holds none. */
    public static Extracted extract(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return new Extracted(null, Verification.refused(RefusalReason.MISSING_CREDENTIALS,
                    "no credentials; send Authorization: Bearer <token>"));
        }
        String trimmed = header.strip();
        if (!trimmed.equalsIgnoreCase(SCHEME.strip()) && !trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return new Extracted(null, Verification.refused(RefusalReason.NOT_BEARER,
                    // The scheme is not quoted: a client that sends its token bare would see it echoed.
                    "the Authorization header is not a Bearer token; send Authorization: Bearer <token>"));
        }
        String token = trimmed.substring(Math.min(SCHEME.length(), trimmed.length())).strip();
        if (token.length() > MAX_LENGTH || !B64TOKEN.matcher(token).matches()) {
            return new Extracted(null, Verification.refused(RefusalReason.MALFORMED_TOKEN,
                    "the bearer token is malformed (empty, too long, or characters a token cannot have)"));
        }
        return new Extracted(token, null);
    }

    /** Either the token or why there is none. */
    public record Extracted(@Nullable String token, Verification.@Nullable Refused refusal) {}
}
