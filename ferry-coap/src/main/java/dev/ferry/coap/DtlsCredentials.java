package dev.ferry.coap;

import dev.ferry.tls.TlsIdentity;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.CertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * Scandium's view of a loaded {@code tls:} section, so that DTLS takes its certificates, keys and CAs from the
 * same files, with the same checks and messages, as the MQTT sink's TLS.
 */
public final class DtlsCredentials {

    private DtlsCredentials() {}

    /** Offers the identity's certificate chain and key; the identity must have a certificate. */
    public static CertificateProvider certificateProvider(TlsIdentity identity) {
        PrivateKey key = identity.privateKey();
        if (key == null || identity.chain().isEmpty()) {
            throw new IllegalStateException("the tls section names no certificate and key");
        }
        return new SingleCertificateProvider(key, identity.chain().toArray(X509Certificate[]::new),
                CertificateType.X_509);
    }

    /** Accepts a peer whose X.509 chain leads to one of the identity's trusted CAs; raw public keys are refused. */
    public static NewAdvancedCertificateVerifier verifier(TlsIdentity identity) {
        return StaticNewAdvancedCertificateVerifier.builder()
                .setTrustedCertificates(identity.trustedCertificates().toArray(X509Certificate[]::new))
                .build();
    }
}
