package dev.ferry.api.failure;

import java.io.EOFException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * What went wrong, in words an operator reads in a health reason or a log line: {@code connection refused by
 * 127.0.0.1:502}, not {@code io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused:
 * /127.0.0.1:502}. Stack traces are for bugs; expected failures are described by these.
 */
public final class Failures {

    /** A Java class name as libraries put it in front of a message: {@code sun.security.validator.ValidatorException: }. */
    private static final Pattern CLASS_NAME_PREFIX =
            Pattern.compile("(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Failure)?: ");
    /** The peer at the end of a JDK or Netty socket message: {@code Connection refused: /127.0.0.1:502}. */
    private static final Pattern PEER_SUFFIX = Pattern.compile("^(.*?):\\s*(?:[\\w.-]*/)?([\\w.:\\[\\]-]+:\\d+)$");

    private Failures() {}

    /**
     * The failure that explains {@code failure}: the cause inside the wrappers that futures and executors add
     * ({@link CompletionException}, {@link ExecutionException}) and inside exceptions that only wrap one (their
     * message is their cause's, or none).
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && isWrapper(cause)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** {@code failure}, unwrapped, said in lower-case words without Java class names. */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = withoutClassNames(cause.getMessage());
        return switch (cause) {
            case BindException bind -> message.isEmpty() ? "cannot listen on the port" : lowerFirst(message);
            case ConnectException connect -> peerFailure(message, "connection refused", "by");
            case NoRouteToHostException noRoute -> peerFailure(message, "no route to host", "to");
            case UnknownHostException unknown -> message.isEmpty() ? "unknown host"
                    : "unknown host " + message.split(":")[0].strip();
            case SocketTimeoutException timeout -> message.isEmpty() ? "timed out" : lowerFirst(message);
            case SSLException tls -> "TLS failed" + (message.isEmpty() ? "" : ": " + message);
            case ClosedChannelException closed -> "the connection was closed";
            case EOFException eof -> "the connection ended early" + (message.isEmpty() ? "" : ": " + message);
            case FileAlreadyExistsException exists -> "a file is in the way at " + exists.getFile();
            case NoSuchFileException missing -> "no such file or directory: " + missing.getFile();
            case AccessDeniedException denied -> "permission denied: " + denied.getFile();
            case NotDirectoryException notDirectory -> "not a directory: " + notDirectory.getFile();
            default -> message.isEmpty() ? words(cause.getClass().getSimpleName()) : message;
        };
    }

    /** {@code text} without the class names libraries put in front of messages; empty for null. */
    public static String withoutClassNames(String text) {
        return text == null ? "" : CLASS_NAME_PREFIX.matcher(text).replaceAll("").strip();
    }

    /** {@code Connection refused: /127.0.0.1:502} to {@code connection refused by 127.0.0.1:502}. */
    private static String peerFailure(String message, String fallback, String preposition) {
        if (message.isEmpty()) {
            return fallback;
        }
        Matcher m = PEER_SUFFIX.matcher(message);
        return m.matches() ? lowerFirst(m.group(1).strip()) + " " + preposition + " " + m.group(2) : lowerFirst(message);
    }

    private static boolean isWrapper(Throwable t) {
        if (t instanceof CompletionException || t instanceof ExecutionException) {
            return true;
        }
        String message = t.getMessage();
        return message == null || message.isBlank() || message.equals(t.getCause().toString());
    }

    /** {@code ClosedChannelException} to {@code closed channel}. */
    private static String words(String simpleName) {
        String bare = simpleName.replaceAll("(Exception|Error)$", "");
        return bare.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }
}
