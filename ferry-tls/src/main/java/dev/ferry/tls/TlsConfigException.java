package dev.ferry.tls;

import dev.ferry.api.ConfigProblem;

/**
 * A {@code tls:} setting that cannot be used: a missing or unreadable file, a wrong password, a key that does not
 * match its certificate, a name this JDK does not know. The message starts with the key it is about, e.g.
 * {@code tls.key: cannot decrypt /etc/ferry/gw.key: wrong password?}, so the config layer can show it at the
 * key's line; it is meant to be shown as it is, without a stack trace.
 */
public final class TlsConfigException extends Exception {

    private final String key;
    private final String reason;

    public TlsConfigException(String key, String reason) {
        super(key + ": " + reason, null, false, false);
        this.key = key;
        this.reason = reason;
    }

    /** The key within the plugin's section, e.g. {@code tls.key}. */
    public String key() {
        return key;
    }

    /** What is wrong and what to do, without the key. */
    public String reason() {
        return reason;
    }

    /** The same problem as a plugin reports it from {@code validate}. */
    public ConfigProblem toProblem() {
        return new ConfigProblem(key, reason);
    }
}
