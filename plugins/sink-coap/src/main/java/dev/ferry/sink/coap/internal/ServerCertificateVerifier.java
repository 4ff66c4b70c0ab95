package dev.ferry.sink.coap.internal;

import dev.ferry.coap.DtlsCredentials;
import dev.ferry.tls.TlsIdentity;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.util.ServerNames;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;

/**
 * Scandium's check of the server's chain ({@link DtlsCredentials#verifier}), with its refusals reworded for a person:
 * which certificate, which issuer, and which key to look at, as the MQTT sink's TLS says it. Scandium's own words
 * ("Certificate chain could not be validated") name neither.
 */
final class ServerCertificateVerifier implements NewAdvancedCertificateVerifier {

    /** Every refusal of ours starts so, which tells it apart from an alert the server sent. */
    static final String PREFIX = "server certificate ";

    private final NewAdvancedCertificateVerifier delegate;
    private final TlsIdentity identity;
    private final String expectedName;

    /** @param expectedName the host name or address the certificate must name (tls.server_name, else the URL's host) */
    ServerCertificateVerifier(TlsIdentity identity, String expectedName) {
        this.delegate = DtlsCredentials.verifier(identity);
        this.identity = identity;
        this.expectedName = expectedName;
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return delegate.getSupportedCertificateTypes();
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName, InetSocketAddress remotePeer,
            boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath, CertificateMessage message) {
        CertificateVerificationResult result = delegate.verifyCertificate(cid, serverName, remotePeer, clientUsage, verifySubject,
                truncateCertificatePath, message);
        HandshakeException refused = result.getException();
        if (refused == null) {
            return result;
        }
        List<? extends Certificate> chain = message.getCertificateChain() == null ? List.of()
                : message.getCertificateChain().getCertificates();
        String reason = chain.isEmpty() || !(chain.getFirst() instanceof X509Certificate leaf)
                ? PREFIX + "missing: the server sent none"
                : reason(leaf, refused);
        return new CertificateVerificationResult(cid, new HandshakeException(reason, refused.getAlert(), refused), null);
    }

    private String reason(X509Certificate leaf, HandshakeException refused) {
        String subject = leaf.getSubjectX500Principal().getName();
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            return PREFIX + subject + " expired on " + leaf.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return PREFIX + subject + " is not valid before " + leaf.getNotBefore().toInstant()
                    + "; is this device's clock set?";
        }
        if (String.valueOf(refused.getMessage()).contains("match")) {
            return PREFIX + subject + " does not name " + expectedName + "; connect by a name it has, or set tls.server_name";
        }
        X500Principal issuer = leaf.getIssuerX500Principal();
        boolean trusted = identity.trustedCertificates().stream().anyMatch(ca -> ca.getSubjectX500Principal().equals(issuer));
        return trusted
                ? PREFIX + subject + " not trusted: its chain to " + issuer.getName() + " does not verify ("
                        + refused.getMessage() + ")"
                : PREFIX + "not trusted (issuer " + issuer.getName() + " is not in tls.ca)";
    }

    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        delegate.setResultHandler(resultHandler);
    }
}
