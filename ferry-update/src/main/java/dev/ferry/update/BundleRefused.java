package dev.ferry.update;

/** A bundle that is not installed, with the reason; nothing was changed. */
public final class BundleRefused extends Exception {

    /** Why, as metrics and the status report it. */
    public enum Reason {
        MALFORMED("malformed"),
        UNSIGNED("unsigned"),
        UNTRUSTED_SIGNATURE("untrusted_signature"),
        EXPIRED("expired"),
        WRONG_ARCHITECTURE("wrong_architecture"),
        DOWNGRADE("downgrade"),
        ALREADY_RUNNING("already_running"),
        TOO_OLD_TO_REPLACE("min_version"),
        HASH_MISMATCH("hash_mismatch"),
        UNSAFE_PATH("unsafe_path"),
        UNSAFE_LINK("unsafe_link"),
        UNSAFE_ENTRY("unsafe_entry"),
        TOO_LARGE("too_large"),
        DOWNLOAD_REFUSED("download_refused");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public BundleRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
