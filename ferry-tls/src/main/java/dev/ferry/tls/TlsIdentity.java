package dev.ferry.tls;

import dev.ferry.api.Nullable;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * One loaded state of a {@code tls:} section: the trusted CAs, the client certificate and key if any, and the
 * algorithms to offer. Immutable and safe to share between threads; a rotation of the files yields a new identity
 * from {@link ClientTls#current()}, while connections made with this one carry on.
 *
 * <p>A TCP client connects with
 * <pre>{@code
 * TlsIdentity tls = clientTls.current();
 * SSLSocket socket = (SSLSocket) tls.socketFactory().createSocket(host, port); // the host name, not an InetAddress
 * socket.setSSLParameters(tls.parameters(host));
 * socket.startHandshake();
 * }</pre>
 * A DTLS plugin that brings its own TLS stack takes the raw material: {@link #privateKey()}, {@link #chain()},
 * {@link #trustedCertificates()}, or the managers.
 */
public interface TlsIdentity {

    /** An initialised context with this identity's key and trust managers. */
    SSLContext context();

    SSLSocketFactory socketFactory();

    /**
     * Parameters for a connection to {@code host}: the configured protocols, cipher suites and groups; endpoint
     * identification {@code HTTPS} when {@code verify_hostname} is on; SNI naming {@code server_name}, else
     * {@code host} unless it is an IP address. A fresh object each call, free to change.
     */
    SSLParameters parameters(String host);

    /** The key manager offering {@link #chain()}; empty when no client certificate is configured. */
    KeyManager[] keyManagers();

    /** The trust manager checking peers against {@link #trustedCertificates()}. */
    TrustManager[] trustManagers();

    /** The client's private key; null when no client certificate is configured. */
    @Nullable PrivateKey privateKey();

    /** The client's certificate first, then its intermediate CAs; empty when none is configured. */
    List<X509Certificate> chain();

    /** The CA certificates a peer's chain must lead to: those of {@code ca}, or the JDK's default ones. */
    List<X509Certificate> trustedCertificates();

    /**
     * A short reason for a failed connection or handshake made with this identity, e.g. {@code server certificate
     * not trusted (issuer CN=Other CA is not in tls.ca)} or {@code server refused our certificate (bad_certificate)}.
     * Meant for logs and health, instead of a stack trace; the innermost message when nothing better is known.
     */
    String explain(Throwable failure);

    /**
     * A short, stable label of why a TLS handshake made with this identity failed, for counting by reason
     * ({@code server_not_trusted}, an alert's name such as {@code bad_certificate}, {@code no_common_parameters});
     * null when the failure was not a failed handshake (the server could not be reached, say).
     */
    @Nullable String handshakeFailureCode(Throwable failure);
}
