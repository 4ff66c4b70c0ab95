package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsIdentity;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** One loaded state of a section's files; see {@link TlsIdentity}. */
final class LoadedIdentity implements TlsIdentity {

    private final SSLContext context;
    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private final @Nullable Identity identity;
    private final List<X509Certificate> trusted;
    private final Algorithms algorithms;
    private final boolean verifyHostname;
    private final @Nullable String serverName;
    private final HandshakeExplainer explainer;

    LoadedIdentity(SSLContext context, KeyManager[] keyManagers, TrustManager[] trustManagers, @Nullable Identity identity,
            List<X509Certificate> trusted, Algorithms algorithms, boolean verifyHostname, @Nullable String serverName,
            HandshakeExplainer explainer) {
        this.context = context;
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
        this.identity = identity;
        this.trusted = List.copyOf(trusted);
        this.algorithms = algorithms;
        this.verifyHostname = verifyHostname;
        this.serverName = serverName;
        this.explainer = explainer;
    }

    @Override
    public SSLContext context() {
        return context;
    }

    @Override
    public SSLSocketFactory socketFactory() {
        return context.getSocketFactory();
    }

    @Override
    public SSLParameters parameters(String host) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(algorithms.protocols().toArray(String[]::new));
        if (!algorithms.cipherSuites().isEmpty()) {
            parameters.setCipherSuites(algorithms.cipherSuites().toArray(String[]::new));
        }
        if (!algorithms.namedGroups().isEmpty()) {
            parameters.setNamedGroups(algorithms.namedGroups().toArray(String[]::new));
        }
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        String sni = serverName != null ? serverName : host;
        if (!isIpAddress(sni)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(sni)));
            } catch (IllegalArgumentException e) {
                // Not a name SNI can carry (e.g. with an underscore): connect without SNI, as OpenSSL does.
            }
        }
        return parameters;
    }

    /** SNI may not carry an address (RFC 6066, section 3). */
    private static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    @Override
    public KeyManager[] keyManagers() {
        return keyManagers.clone();
    }

    @Override
    public TrustManager[] trustManagers() {
        return trustManagers.clone();
    }

    @Override
    public @Nullable PrivateKey privateKey() {
        return identity == null ? null : identity.key();
    }

    @Override
    public List<X509Certificate> chain() {
        return identity == null ? List.of() : identity.chain();
    }

    @Override
    public List<X509Certificate> trustedCertificates() {
        return trusted;
    }

    @Override
    public String explain(Throwable failure) {
        return explainer.explain(failure);
    }

    @Override
    public @Nullable String handshakeFailureCode(Throwable failure) {
        return explainer.code(failure);
    }

    @Nullable X509Certificate certificate() {
        return identity == null ? null : identity.certificate();
    }
}
