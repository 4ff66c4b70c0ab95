package dev.ferry.agent;

/** A failure the user can fix, reported as its message alone. */
final class UserError extends Exception {

    UserError(String message) {
        super(message);
    }
}
