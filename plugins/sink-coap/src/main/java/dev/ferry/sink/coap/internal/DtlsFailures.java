package dev.ferry.sink.coap.internal;

import dev.ferry.api.Nullable;
import java.util.Locale;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.eclipse.californium.scandium.dtls.HandshakeException;

/**
 * Reads a failed DTLS handshake for the reason a person can act on: our refusal of the server's certificate (worded
 * by {@link ServerCertificateVerifier}), the alert the server sent, or a handshake nobody answered. Best effort: the
 * innermost message when nothing better is known; never a stack trace.
 */
final class DtlsFailures {

    /** How this client authenticates, which decides what a refusal by the server most likely means. */
    enum Authentication { PSK, CERTIFICATE, NONE }

    /** The client's flight that carries the proof of its credentials (RFC 6347, 4.2.4). */
    private static final int FINAL_CLIENT_FLIGHT = 5;

    private DtlsFailures() {}

    /**
     * The reason a failed handshake is counted under, as the TLS side names it: {@code server_not_trusted}, the name
     * of the alert the server sent, or {@code timeout} for a server that answered our hello and then fell silent;
     * null when the failure was no handshake refused (a server not answering at all is unreachable, not refusing).
     */
    static @Nullable String code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HandshakeException handshake) {
                if (String.valueOf(handshake.getMessage()).startsWith(ServerCertificateVerifier.PREFIX)) {
                    return "server_not_trusted";
                }
                return handshake.getAlert() == null ? "handshake_failure"
                        : handshake.getAlert().getDescription().name().toLowerCase(Locale.ROOT);
            }
            if (t instanceof DtlsHandshakeTimeoutException timeout) {
                return timeout.getFlightNumber() >= FINAL_CLIENT_FLIGHT ? "timeout" : null;
            }
        }
        return null;
    }

    static String explain(Throwable failure, Authentication authentication) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HandshakeException handshake) {
                String message = String.valueOf(handshake.getMessage());
                if (message.startsWith(ServerCertificateVerifier.PREFIX)) {
                    return message;
                }
                if (handshake.getAlert() != null) {
                    return fromAlert(handshake.getAlert().getDescription(), authentication, message);
                }
            }
            if (t instanceof DtlsHandshakeTimeoutException timeout) {
                return fromTimeout(timeout.getFlightNumber(), authentication);
            }
        }
        return innermost(failure);
    }

    /**
     * DTLS drops what it cannot decrypt without a word (RFC 6347, 4.1.2.7): a server that got a wrong key or a
     * certificate it refuses often just stops answering. A client's flight 5 (its key exchange and Finished)
     * unanswered means the server did answer its hello, so it is there and speaks DTLS.
     */
    private static String fromTimeout(int flight, Authentication authentication) {
        if (flight < FINAL_CLIENT_FLIGHT) {
            return "no answer to the DTLS handshake; is the server up, and is this its DTLS port?";
        }
        return switch (authentication) {
            case PSK -> "the server answered our hello but not our Finished: it most likely refused our pre-shared key;"
                    + " check psk.identity and psk.key";
            case CERTIFICATE -> "the server answered our hello but not our certificate and Finished: it most likely refused"
                    + " our certificate; is it issued by a CA the server trusts?";
            case NONE -> "the server answered our hello but not our Finished: it most likely requires a client"
                    + " certificate; set tls.cert and tls.key";
        };
    }

    private static String fromAlert(AlertDescription alert, Authentication authentication, String message) {
        String name = alert.name().toLowerCase(Locale.ROOT);
        if (authentication == Authentication.PSK) {
            return switch (alert) {
                case DECRYPT_ERROR, BAD_RECORD_MAC, UNKNOWN_PSK_IDENTITY, HANDSHAKE_FAILURE, ILLEGAL_PARAMETER, DECODE_ERROR ->
                        "the server refused our pre-shared key (" + name + "); check psk.identity and psk.key";
                default -> "DTLS handshake failed (" + name + "): " + message;
            };
        }
        return switch (alert) {
            case BAD_CERTIFICATE, UNKNOWN_CA, CERTIFICATE_UNKNOWN, UNSUPPORTED_CERTIFICATE, CERTIFICATE_REVOKED,
                    CERTIFICATE_EXPIRED, ACCESS_DENIED -> authentication == Authentication.CERTIFICATE
                    ? "the server refused our certificate (" + name + "); is it issued by a CA the server trusts?"
                    : "the server requires a client certificate (" + name + "); set tls.cert and tls.key";
            case HANDSHAKE_FAILURE, INSUFFICIENT_SECURITY -> authentication == Authentication.CERTIFICATE
                    ? "no cipher suite or curve in common with the server, or it refused our certificate (" + name + ")"
                    : "the server requires a client certificate, or shares no cipher suite with us (" + name + ")";
            case DECRYPT_ERROR -> "the server could not verify our handshake signature (decrypt_error); does tls.key"
                    + " belong to tls.cert?";
            case PROTOCOL_VERSION -> "the server does not speak DTLS 1.2 (protocol_version)";
            default -> "DTLS handshake failed (" + name + "): " + message;
        };
    }

    static String innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        @Nullable String message = t.getMessage();
        return message != null && !message.isBlank() ? message : t.getClass().getSimpleName();
    }
}
