package dev.ferry.tls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failures a real server is hard to make produce on demand, in the shape the JDK reports them. */
class HandshakeExplainerTest {

    @TempDir
    static Path dir;

    static Issued client;

    @BeforeAll
    static void pki() {
        client = TestPki.create(dir).client("gw-01").issue();
    }

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final HandshakeExplainer withCertificate = new HandshakeExplainer(client.certificate(), "tls", PROTOCOLS);
    private final HandshakeExplainer without = new HandshakeExplainer(null, "tls", PROTOCOLS);

    private static SSLHandshakeException alert(String name) {
        return new SSLHandshakeException("(" + name + ") Received fatal alert: " + name);
    }

    @Test
    void certificate_alerts_mean_our_certificate_was_refused_when_we_sent_one() {
        assertThat(withCertificate.explain(alert("certificate_expired"))).isEqualTo("server refused our certificate (certificate_expired)");
        assertThat(withCertificate.explain(alert("unknown_ca")))
                .isEqualTo("server refused our certificate (unknown_ca); is it issued by a CA the server trusts?");
        assertThat(without.explain(alert("bad_certificate")))
                .isEqualTo("server requires a client certificate (bad_certificate); set tls.cert and tls.key");
    }

    @Test
    void negotiation_alerts() {
        assertThat(withCertificate.explain(alert("protocol_version")))
                .isEqualTo("server accepts none of our TLS versions [TLSv1.3, TLSv1.2] (protocol_version)");
        assertThat(withCertificate.explain(alert("decrypt_error"))).contains("does tls.key belong to tls.cert?");
        assertThat(withCertificate.explain(alert("internal_error"))).isEqualTo("server ended the handshake (internal_error)");
    }

    @Test
    void a_reset_during_the_handshake_names_the_certificate_we_offered() {
        SSLException reset = new SSLException("Connection reset", new SocketException("Connection reset"));

        assertThat(withCertificate.explain(reset)).isEqualTo("the server closed the connection during the TLS handshake;"
                + " did it refuse our certificate CN=gw-01 (issuer CN=Ferry Test CA)?");
        assertThat(without.explain(new SSLHandshakeException("Remote host terminated the handshake", new EOFException())))
                .isEqualTo("the server closed the connection during the TLS handshake; does it require a client certificate?");
    }

    @Test
    void local_failures() {
        assertThat(without.explain(new SSLHandshakeException("No appropriate protocol (protocol is disabled or cipher suites are inappropriate)")))
                .isEqualTo("no common cipher suite / protocol: this side offers none that fits [TLSv1.3, TLSv1.2]");
        assertThat(without.explain(new SocketTimeoutException("Read timed out")))
                .isEqualTo("the server did not answer in time during the TLS handshake");
        assertThat(without.explain(new SSLException("something new"))).isEqualTo("something new");
    }
}
