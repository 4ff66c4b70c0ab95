package dev.ferry.tls.internal;

import java.security.cert.CertificateException;

/**
 * Thrown by {@link ExplainingTrustManager} in place of the JDK's own exception, carrying a one-line reason that
 * {@link HandshakeExplainer} finds again in the handshake exception's causes.
 */
final class RefusedCertificate extends CertificateException {

    private final String reason;

    RefusedCertificate(String reason, CertificateException cause) {
        super(reason, cause);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
