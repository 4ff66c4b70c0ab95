package dev.ferry.api.failure;

import java.net.BindException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a server could not listen on its port, said so an operator knows what to do. The port being taken is by far
 * the most common cause; it comes as EADDRINUSE from the JDK, and as EAGAIN (errno 11) or EBUSY (errno 16) from some
 * native transports.
 */
public final class BindFailures {

    private static final Pattern TAKEN = Pattern.compile(
            "address already in use|errno:? ?(?:11|16|98)\\b|\\((?:11|16|98)\\)|resource temporarily unavailable"
                    + "|device or resource busy");

    private BindFailures() {}

    /** {@code port 5684 is already in use by another program}, or what else kept the server from listening. */
    public static String describe(int port, Throwable failure) {
        return isPortTaken(failure) ? "port " + port + " is already in use by another program"
                : "cannot listen on port " + port + ": " + Failures.describe(failure);
    }

    /** Whether {@code failure}, or one of its causes, says the port is held by another socket. */
    public static boolean isPortTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if ((t instanceof BindException || message.contains("bind")) && TAKEN.matcher(message).find()) {
                return true;
            }
            if (t instanceof BindException && message.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
