package dev.ferry.tls.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager, whose refusals carry a reason a person can act on ({@link CertificateRefusals}).
 * Being an {@link X509ExtendedTrustManager}, it receives the socket, so the JDK's host name check, which reads the
 * endpoint identification setting from the socket, still happens inside the delegate.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final String trustSource;
    private final Clock clock;

    ExplainingTrustManager(X509ExtendedTrustManager delegate, String trustSource, Clock clock) {
        this.delegate = delegate;
        this.trustSource = trustSource;
        this.clock = clock;
    }

    private RefusedCertificate refused(CertificateException e, X509Certificate[] chain, String peer) {
        return new RefusedCertificate(CertificateRefusals.explain(e, chain, peer, trustSource, clock.instant()), e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        explained(() -> delegate.checkServerTrusted(chain, authType, socket), chain, "server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        explained(() -> delegate.checkServerTrusted(chain, authType, engine), chain, "server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        explained(() -> delegate.checkServerTrusted(chain, authType), chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        explained(() -> delegate.checkClientTrusted(chain, authType, socket), chain, "client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        explained(() -> delegate.checkClientTrusted(chain, authType, engine), chain, "client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        explained(() -> delegate.checkClientTrusted(chain, authType), chain, "client");
    }

    private interface Check {
        void run() throws CertificateException;
    }

    /** Runs the JDK's check and, when it refuses, rethrows with a reason a person can act on. */
    private void explained(Check check, X509Certificate[] chain, String side) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            throw refused(e, chain, side);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
