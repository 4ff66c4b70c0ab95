package dev.ferry.agent.cli;

/** The agent's endpoint refused the request (401, 403): no token, a wrong one, or one without the scope. Exit code 5. */
final class AccessRefused extends Exception {

    AccessRefused(String message) {
        super(message, null, false, false);
    }
}
