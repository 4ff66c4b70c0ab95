package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import dev.ferry.tls.internal.CertificateNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connections that fail, each with the reason {@link ClientTls#explain} gives for it. */
class RefusedConnectionsTest {

    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki otherCa;
    static Issued client;
    static TlsTestServer server;
    static TlsTestServer wrongName;
    static TlsTestServer expired;
    static TlsTestServer untrusted;
    static Issued expiredServer;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        otherCa = TestPki.create(dir, "Other CA", KeyType.EC);
        client = pki.client("gw-01").issue();
        List<java.security.cert.X509Certificate> trusted = List.of(pki.caCertificate());
        server = TlsTestServer.start(pki.server("localhost"), trusted);
        wrongName = TlsTestServer.start(pki.server("example.com"), trusted);
        expiredServer = pki.serverCertificate("localhost").dns("localhost").expired().issue();
        expired = TlsTestServer.start(expiredServer, trusted);
        untrusted = TlsTestServer.start(otherCa.server("localhost"), trusted);
    }

    @AfterAll
    static void stop() throws Exception {
        for (TlsTestServer s : List.of(server, wrongName, expired, untrusted)) {
            s.close();
        }
    }

    private static String refusal(TlsConfig config, TlsTestServer to) throws TlsConfigException {
        ClientTls tls = Tls.load(config);
        IOException[] failure = new IOException[1];
        assertThatThrownBy(() -> TlsClient.connect(tls.current(), "localhost", to.port()))
                .isInstanceOfSatisfying(IOException.class, e -> failure[0] = e);
        return tls.explain(failure[0]);
    }

    /** The label a failed connection is counted under. */
    private static String code(TlsConfig config, TlsTestServer to) throws TlsConfigException {
        ClientTls tls = Tls.load(config);
        IOException[] failure = new IOException[1];
        assertThatThrownBy(() -> TlsClient.connect(tls.current(), "localhost", to.port()))
                .isInstanceOfSatisfying(IOException.class, e -> failure[0] = e);
        return tls.current().handshakeFailureCode(failure[0]);
    }

    @Test
    void failedHandshakesAreCountedUnderAStableReason() throws Exception {
        assertThat(code(Tls.mutual(pki, client), untrusted)).isEqualTo("server_not_trusted");
        assertThat(code(Tls.mutual(pki, client), wrongName)).isEqualTo("server_not_trusted");
        assertThat(code(only(Tls.trusting(pki), "TLSv1.3"), server)).isEqualTo("certificate_required");
        assertThat(code(only(Tls.mutual(pki, otherCa.client("gw-other").issue()), "TLSv1.3"), server))
                .isIn("bad_certificate", "certificate_unknown", "unknown_ca");
        ClientTls tls = Tls.load(Tls.mutual(pki, client));
        assertThat(tls.current().handshakeFailureCode(new java.net.ConnectException("Connection refused")))
                .as("no handshake happened: not counted").isNull();
    }

    private static TlsConfig only(TlsConfig config, String protocol) {
        return config.withAlgorithms(List.of(protocol), List.of(), List.of());
    }

    @Test
    void no_client_certificate() throws Exception {
        assertThat(refusal(only(Tls.trusting(pki), "TLSv1.3"), server))
                .isEqualTo("server requires a client certificate (certificate_required); set tls.cert and tls.key");
        // TLS 1.2 has no alert of its own for this; the JDK server says handshake_failure.
        assertThat(refusal(only(Tls.trusting(pki), "TLSv1.2"), server)).isEqualTo("server requires a client certificate,"
                + " or shares no cipher suite, protocol or group with us (handshake_failure)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void client_certificate_from_another_ca(String protocol) throws Exception {
        Issued stranger = otherCa.client("gw-stranger").issue();

        assertThat(refusal(only(Tls.mutual(pki, stranger), protocol), server))
                .matches("server refused our certificate \\((bad_certificate|certificate_unknown|unknown_ca)\\);"
                        + " is it issued by a CA the server trusts\\?");
    }

    @Test
    void server_certificate_for_another_name() throws Exception {
        assertThat(refusal(Tls.mutual(pki, client), wrongName))
                .isEqualTo("hostname localhost does not match the server certificate (names: example.com)");
    }

    @Test
    void server_certificate_from_an_untrusted_ca() throws Exception {
        assertThat(refusal(Tls.mutual(pki, client), untrusted))
                .isEqualTo("server certificate not trusted (issuer CN=Other CA is not in tls.ca)");
    }

    @Test
    void server_certificate_not_in_the_default_trust_store() throws Exception {
        TlsConfig defaultTrust = new TlsConfig(null, client.certFile().toString(), client.keyFile().toString(), null, true,
                null, List.of(), List.of(), List.of(), java.time.Duration.ofSeconds(30), java.time.Duration.ofDays(30));

        assertThat(refusal(defaultTrust, server)).isEqualTo("server certificate not trusted (issuer CN=Ferry Test CA"
                + " is not in the JDK's default trust store (set tls.ca))");
    }

    @Test
    void expired_server_certificate() throws Exception {
        String expiredOn = CertificateNames.date(expiredServer.certificate().getNotAfter().toInstant());

        assertThat(refusal(Tls.mutual(pki, client), expired))
                .isEqualTo("server certificate expired on " + expiredOn + " (CN=localhost)");
    }

    @Test
    void host_name_check_can_be_turned_off_or_pointed_elsewhere() throws Exception {
        TlsConfig unchecked = Tls.mutual(pki, client).withVerifyHostname(false, null);
        TlsConfig renamed = Tls.mutual(pki, client).withVerifyHostname(true, "example.com");

        TlsClient.connect(Tls.load(unchecked).current(), "localhost", wrongName.port());
        TlsClient.connect(Tls.load(renamed).current(), "localhost", wrongName.port());
    }

    @Test
    void sni_names_the_server_but_never_an_address() throws Exception {
        TlsIdentity identity = Tls.load(Tls.mutual(pki, client)).current();

        assertThat(identity.parameters("broker.example").getServerNames()).singleElement()
                .satisfies(name -> assertThat(new String(name.getEncoded(), java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("broker.example"));
        assertThat(identity.parameters("127.0.0.1").getServerNames()).isNullOrEmpty();
        assertThat(identity.parameters("::1").getServerNames()).isNullOrEmpty();
        assertThat(identity.parameters("localhost").getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void a_plain_tcp_peer_is_not_tls() throws Exception {
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the client hung up
                }
            });
            ClientTls tls = Tls.load(Tls.mutual(pki, client));

            assertThatThrownBy(() -> TlsClient.connect(tls.current(), "localhost", plain.getLocalPort()))
                    .satisfies(e -> assertThat(tls.explain(e)).isEqualTo("the server did not answer with TLS; is this its TLS port?"));
        }
    }
}
