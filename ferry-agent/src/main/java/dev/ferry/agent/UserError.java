package dev.ferry.agent;

/** A failure the user can fix, reported as its message alone. */
public final class UserError extends Exception {

    public UserError(String message) {
        super(message);
    }
}
