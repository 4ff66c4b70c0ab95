package dev.ferry.source.coap.internal;

import java.net.InetSocketAddress;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * Device certificates at the handshake: the chain must lead to a trusted CA (Scandium's static verifier, for the CAs
 * of the current {@code tls.ca} file), and the
 * certificate must name exactly one tenant ({@link TenantRule}); otherwise the handshake ends with a fatal alert,
 * before any request is read. Refusals carry a message naming the certificate, for the log.
 *
 * <p>Scandium's static verifier answers synchronously; were a verifier to answer later through the result handler,
 * its result would pass unchecked.
 */
final class TenantCheckingVerifier implements NewAdvancedCertificateVerifier {

    private final CurrentCredentials credentials;
    private final TenantRule tenants;

    TenantCheckingVerifier(CurrentCredentials credentials, TenantRule tenants) {
        this.credentials = credentials;
        this.tenants = tenants;
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return credentials.verifier().getSupportedCertificateTypes();
    }

    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return credentials.verifier().getAcceptedIssuers();
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        credentials.setResultHandler(resultHandler);
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
            InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath,
            CertificateMessage message) {
        CertificateVerificationResult result = credentials.verifier().verifyCertificate(cid, serverName, remotePeer, clientUsage,
                verifySubject, truncateCertificatePath, message);
        if (result == null) {
            return null;
        }
        HandshakeException failure = result.getException();
        if (failure != null) {
            return refused(result, new HandshakeException(subject(message) + " not trusted: " + reason(failure),
                    failure.getAlert(), failure));
        }
        CertPath path = result.getCertificatePath();
        if (path == null || path.getCertificates().isEmpty()) {
            return result; // no certificate: client_auth `wanted` lets the session through, its requests get 4.01
        }
        try {
            tenants.tenantOf((X509Certificate) path.getCertificates().getFirst());
            return result;
        } catch (TenantRule.NoTenantException e) {
            return refused(result, new HandshakeException("device " + e.getMessage(),
                    new AlertMessage(AlertLevel.FATAL, AlertDescription.ACCESS_DENIED)));
        }
    }

    private static CertificateVerificationResult refused(CertificateVerificationResult result, HandshakeException why) {
        return new CertificateVerificationResult(result.getConnectionId(), why, result.getCustomArgument());
    }

    private static String subject(CertificateMessage message) {
        CertPath chain = message.getCertificateChain();
        if (chain != null && !chain.getCertificates().isEmpty()) {
            Certificate first = chain.getCertificates().getFirst();
            if (first instanceof X509Certificate x509) {
                return "device certificate \"" + x509.getSubjectX500Principal().getName() + "\"";
            }
        }
        return "device certificate";
    }

    /** The innermost message: Scandium's own says only that the chain could not be validated. */
    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
