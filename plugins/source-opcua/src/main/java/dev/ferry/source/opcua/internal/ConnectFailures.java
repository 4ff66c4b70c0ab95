package dev.ferry.source.opcua.internal;

import dev.ferry.api.failure.Failures;
import dev.ferry.api.Nullable;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/** Says why a connection attempt failed, in the words an operator can act on. */
final class ConnectFailures {

    private final TrustList trust;
    private final @Nullable String username;
    private final Path ownCertificate;
    private final Duration timeout;

    ConnectFailures(TrustList trust, @Nullable String username, Path ownCertificate, Duration timeout) {
        this.trust = trust;
        this.username = username;
        this.ownCertificate = ownCertificate;
        this.timeout = timeout;
    }

    /** Forgets an earlier certificate refusal once a connection succeeded. */
    void clearRefusal() {
        trust.clearRefusal();
    }

    /** The reason for a failure of the attempt that began with {@link TrustList} refusals cleared. */
    String describe(Throwable failure) {
        String refusal = trust.lastRefusal();
        if (refusal != null) {
            return refusal;
        }
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException) {
            return "no answer within " + timeout.toSeconds() + "s (request_timeout)";
        }
        UaException ua = UaException.extract(cause).orElse(null);
        if (ua != null) {
            return describe(ua);
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof ConnectException ? "cannot connect: " + Failures.describe(root) : Failures.describe(root);
    }

    private String describe(UaException e) {
        long status = e.getStatusCode().getValue() & 0xFFFF0000L;
        String name = StatusNames.name(status);
        if (status == StatusCodes.Bad_UserAccessDenied || status == StatusCodes.Bad_IdentityTokenRejected
                || status == StatusCodes.Bad_IdentityTokenInvalid) {
            return username == null
                    ? "the server refused anonymous sign-in (" + name + "); set username and password"
                    : "the server refused the sign-in of user \"" + username + "\" (" + name
                            + "); check username and password";
        }
        if (status == StatusCodes.Bad_SecurityChecksFailed || status == StatusCodes.Bad_CertificateUntrusted
                || status == StatusCodes.Bad_CertificateInvalid || status == StatusCodes.Bad_CertificateUriInvalid) {
            return "the server refused the secure connection (" + name + "); if it does not trust Ferry's "
                    + "certificate yet, add " + ownCertificate + " to the server's trusted certificates";
        }
        return StatusNames.describe(e);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
