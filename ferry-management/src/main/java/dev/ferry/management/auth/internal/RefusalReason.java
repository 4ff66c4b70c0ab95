package dev.ferry.management.auth.internal;

/** Why a request was refused: the label it is counted under and the HTTP status it gets. */
public enum RefusalReason {
    MISSING_CREDENTIALS(401),
    NOT_BEARER(401),
    MALFORMED_TOKEN(401),
    UNKNOWN_TOKEN(401),
    UNSIGNED_TOKEN(401),
    ALGORITHM_NOT_ACCEPTED(401),
    BAD_SIGNATURE(401),
    MISSING_EXPIRY(401),
    EXPIRED(401),
    NOT_YET_VALID(401),
    WRONG_ISSUER(401),
    WRONG_AUDIENCE(401),
    MISSING_SCOPE_CLAIM(403),
    INSUFFICIENT_SCOPE(403);

    private final int status;

    RefusalReason(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The metric label, e.g. {@code bad_signature}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
