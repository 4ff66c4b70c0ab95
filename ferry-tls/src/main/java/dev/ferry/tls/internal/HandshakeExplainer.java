package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a failed connection's exception chain for the reason a person can act on: our refusal of the server's
 * certificate (told by {@link ExplainingTrustManager}), the alert the server sent, or what the JDK saw locally.
 * Best effort: the words of the innermost exception when nothing better is known.
 */
final class HandshakeExplainer {

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    private static final List<String> CERTIFICATE_ALERTS = List.of("bad_certificate", "certificate_unknown", "unknown_ca",
            "unsupported_certificate", "certificate_revoked", "certificate_expired", "access_denied");

    private final @Nullable X509Certificate offered;
    private final boolean offersCertificate;
    private final String section;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    /** @param offered the client certificate we present, if any */
    HandshakeExplainer(@Nullable X509Certificate offered, String section, List<String> protocols) {
        this(offered, section, protocols, List.of());
    }

    /** @param cipherSuites the allow-list of {@code cipher_suites}; empty for the JDK's defaults */
    HandshakeExplainer(@Nullable X509Certificate offered, String section, List<String> protocols, List<String> cipherSuites) {
        this.offered = offered;
        this.offersCertificate = offered != null;
        this.section = section;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedCertificate refused) {
                return refused.reason();
            }
        }
        String alert = alert(failure);
        if (alert != null) {
            return fromAlert(alert);
        }
        String local = local(failure);
        return local != null ? local : CertificateRefusals.innermost(failure);
    }

    /**
     * A short, stable label of why a handshake failed, for counting: {@code server_not_trusted} when we refused the
     * server's certificate, the alert's name when the server sent one ({@code bad_certificate},
     * {@code handshake_failure}, ...), {@code no_common_parameters}, {@code not_tls}, {@code timeout},
     * {@code closed_by_server}; null when the failure was no TLS handshake failure at all.
     */
    @Nullable String code(Throwable failure) {
        boolean handshake = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedCertificate) {
                return "server_not_trusted";
            }
            handshake |= t instanceof javax.net.ssl.SSLException;
        }
        String alert = alert(failure);
        if (alert != null) {
            return alert;
        }
        String local = local(failure);
        if (local == null) {
            return handshake ? "other" : null;
        }
        if (local.startsWith("no common")) {
            return "no_common_parameters";
        }
        if (local.contains("did not answer with TLS")) {
            return "not_tls";
        }
        return local.contains("in time") ? "timeout" : "closed_by_server";
    }

    private String fromAlert(String alert) {
        if (alert.equals("certificate_required") || (!offersCertificate && CERTIFICATE_ALERTS.contains(alert))) {
            return "server requires a client certificate (" + alert + "); set " + section + ".cert and " + section + ".key";
        }
        if (CERTIFICATE_ALERTS.contains(alert)) {
            String hint = alert.equals("unknown_ca") || alert.equals("certificate_unknown") || alert.equals("bad_certificate")
                    ? "; is it issued by a CA the server trusts?" : "";
            return "server refused our certificate (" + alert + ")" + hint;
        }
        boolean noCommonParameters = alert.equals("handshake_failure") || alert.equals("insufficient_security");
        if (noCommonParameters && !cipherSuites.isEmpty()) {
            // with an allow-list, the list is the likeliest cause and the one thing to check on this side
            return "server accepts none of the cipher suites " + section + ".cipher_suites allows, " + cipherSuites
                    + " (" + alert + ")" + (offersCertificate ? "" : "; or it requires a client certificate");
        }
        return switch (alert) {
            case "handshake_failure", "insufficient_security" -> offersCertificate
                    ? "no common cipher suite, protocol or group with the server (" + alert + ")"
                    : "server requires a client certificate, or shares no cipher suite, protocol or group with us (" + alert + ")";
            case "protocol_version" -> "server accepts none of our TLS versions " + protocols + " (protocol_version)";
            case "decrypt_error" -> "server could not verify our handshake signature (decrypt_error); does "
                    + section + ".key belong to " + section + ".cert?";
            case "unrecognized_name" -> "server does not know the name we asked for in SNI (unrecognized_name); check "
                    + section + ".server_name";
            default -> "server ended the handshake (" + alert + ")";
        };
    }

    private static @Nullable String alert(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = ALERT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private @Nullable String local(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No appropriate protocol") || message.contains("No negotiable cipher suite")) {
                return "no common cipher suite / protocol: this side offers none that fits " + protocols;
            }
            if (message.contains("Unsupported or unrecognized SSL message")) {
                return "the server did not answer with TLS; is this its TLS port?";
            }
            if (t instanceof SocketTimeoutException) {
                return "the server did not answer in time during the TLS handshake";
            }
            if (t instanceof EOFException || message.contains("Remote host terminated")
                    || (t instanceof SocketException && (message.contains("reset") || message.contains("Broken pipe")))) {
                // Many servers close at once after a fatal alert; the reset that follows can destroy the alert.
                return "the server closed the connection during the TLS handshake"
                        + (offered == null ? "; does it require a client certificate?"
                                : "; did it refuse our certificate " + CertificateNames.subject(offered) + " (issuer "
                                        + CertificateNames.issuer(offered) + ")?");
            }
        }
        return null;
    }
}
