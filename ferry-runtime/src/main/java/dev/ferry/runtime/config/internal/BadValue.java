package dev.ferry.runtime.config.internal;

/** A value that cannot become what its key needs; the message is shown to the user after the key path. */
public final class BadValue extends Exception {

    public BadValue(String message) {
        super(message, null, false, false);
    }
}
