package dev.ferry.source.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.coap.DtlsCredentials;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsIdentity;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.scandium.dtls.CertificateIdentityResult;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.SignatureAndHashAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite.CertificateKeyAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.eclipse.californium.scandium.dtls.x509.CertificateConfigurationHelper;
import org.eclipse.californium.scandium.dtls.x509.CertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.ConfigurationHelperSetup;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * The gateway's DTLS certificate and the CAs device certificates must chain to, following the files of the
 * {@code tls} section: each handshake asks {@link ClientTls#current()}, which re-reads changed files at most every
 * {@code reload_check}, so a renewed gateway certificate or a changed CA bundle applies from the next handshake on,
 * without a restart. Sessions already up keep what they were made with.
 *
 * <p>Scandium picks its cipher suites and signature algorithms from the first certificate, so a renewal must keep
 * the key type (EC stays EC).
 */
final class CurrentCredentials implements CertificateProvider, ConfigurationHelperSetup {

    private final ClientTls tls;
    private final CertificateProvider first;
    private TlsIdentity identity;
    private CertificateProvider provider;
    private NewAdvancedCertificateVerifier verifier;
    private @Nullable HandshakeResultHandler resultHandler;

    CurrentCredentials(ClientTls tls) {
        this.tls = tls;
        this.identity = tls.current();
        this.first = DtlsCredentials.certificateProvider(identity);
        this.provider = first;
        this.verifier = DtlsCredentials.verifier(identity);
    }

    /** The verifier of device certificates against the CAs of the current files. */
    synchronized NewAdvancedCertificateVerifier verifier() {
        refresh();
        return verifier;
    }

    private synchronized CertificateProvider provider() {
        refresh();
        return provider;
    }

    private void refresh() {
        TlsIdentity now = tls.current();
        if (now != identity) {
            identity = now;
            provider = DtlsCredentials.certificateProvider(now);
            verifier = DtlsCredentials.verifier(now);
            if (resultHandler != null) {
                provider.setResultHandler(resultHandler);
                verifier.setResultHandler(resultHandler);
            }
        }
    }

    @Override
    public List<CertificateKeyAlgorithm> getSupportedCertificateKeyAlgorithms() {
        return first.getSupportedCertificateKeyAlgorithms();
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return first.getSupportedCertificateTypes();
    }

    @Override
    public CertificateIdentityResult requestCertificateIdentity(ConnectionId cid, boolean client,
            List<X500Principal> issuers, ServerNames serverNames, List<CertificateKeyAlgorithm> certificateKeyAlgorithms,
            List<SignatureAndHashAlgorithm> signatureAndHashAlgorithms, List<SupportedGroup> curves) {
        return provider().requestCertificateIdentity(cid, client, issuers, serverNames, certificateKeyAlgorithms,
                signatureAndHashAlgorithms, curves);
    }

    @Override
    public synchronized void setResultHandler(HandshakeResultHandler handler) {
        resultHandler = handler;
        provider.setResultHandler(handler);
        verifier.setResultHandler(handler);
    }

    @Override
    public void setupConfigurationHelper(CertificateConfigurationHelper helper) {
        if (first instanceof ConfigurationHelperSetup setup) {
            setup.setupConfigurationHelper(helper);
        }
    }
}
