package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mutual TLS against a JDK server that requires a client certificate, with every way of supplying one. */
class MutualTlsTest {

    private static final String PASSWORD = "s3cret pass";

    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki rsaPki;
    static TlsTestServer server;
    static TlsTestServer rsaServer;
    static Issued ecClient;
    static Issued rsaClient;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        rsaPki = TestPki.create(dir, "Ferry Test RSA CA", KeyType.RSA);
        ecClient = pki.client("gw-ec").tenant("acme").issue();
        rsaClient = pki.client("gw-rsa").rsa().dns("gw-rsa.example").issue();
        // Each server trusts both CAs, so a client of either PKI may connect to either server.
        List<java.security.cert.X509Certificate> both = List.of(pki.caCertificate(), rsaPki.caCertificate());
        server = TlsTestServer.start(pki.server("localhost"), both);
        rsaServer = TlsTestServer.start(rsaPki.serverCertificate("localhost").rsa().dns("localhost").issue(), both);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        rsaServer.close();
    }

    private static SSLSession connect(TlsConfig config, TlsTestServer to) throws Exception {
        TlsIdentity identity = Tls.load(config).current();
        SSLSession session = TlsClient.connect(identity, "localhost", to.port());
        assertThat(session.getLocalCertificates()).as("the certificate we presented").isNotNull();
        assertThat(session.getLocalCertificates()[0]).isEqualTo(identity.chain().getFirst());
        return session;
    }

    private static TlsConfig only(TlsConfig config, String protocol) {
        return config.withAlgorithms(List.of(protocol), List.of(), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ec_key_in_pkcs8_pem(String protocol) throws Exception {
        SSLSession session = connect(only(Tls.mutual(pki, ecClient), protocol), server);

        assertThat(session.getProtocol()).isEqualTo(protocol);
        assertThat(session.getPeerPrincipal().getName()).contains("CN=localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void rsa_key_in_pkcs8_pem_to_an_rsa_server(String protocol) throws Exception {
        TlsConfig config = only(Tls.trusting(rsaPki), protocol)
                .withIdentity(rsaClient.certFile().toString(), rsaClient.keyFile().toString(), null);

        SSLSession session = connect(config, rsaServer);

        assertThat(session.getProtocol()).isEqualTo(protocol);
        assertThat(session.getPeerCertificates()[0].getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void encrypted_pkcs8_keys(String protocol) throws Exception {
        for (Issued client : List.of(ecClient, rsaClient)) {
            TlsConfig config = only(Tls.trusting(pki), protocol)
                    .withIdentity(client.certFile().toString(), client.encryptedKeyFile(PASSWORD).toString(), PASSWORD);

            assertThat(connect(config, server).getProtocol()).isEqualTo(protocol);
        }
    }

    @Test
    void traditional_ec_and_rsa_keys() throws Exception {
        for (Issued client : List.of(ecClient, rsaClient)) {
            assertThat(client.traditionalKeyPem()).contains("-----BEGIN " + client.privateKey().getAlgorithm() + " PRIVATE KEY-----");
            TlsConfig config = Tls.trusting(pki)
                    .withIdentity(client.certFile().toString(), client.traditionalKeyFile().toString(), null);

            connect(config, server);
        }
    }

    @Test
    void pkcs12_in_cert_with_password() throws Exception {
        for (Issued client : List.of(ecClient, rsaClient)) {
            TlsConfig config = Tls.trusting(pki).withIdentity(client.p12File(PASSWORD).toString(), null, PASSWORD);

            connect(config, server);
        }
    }

    @Test
    void key_in_the_certificate_file() throws Exception {
        Path both = dir.resolve("combined.pem");
        java.nio.file.Files.writeString(both, ecClient.certPem() + ecClient.keyPem());

        connect(Tls.trusting(pki).withIdentity(both.toString(), null, null), server);
    }

    @Test
    void chain_through_an_intermediate_ca_that_only_the_client_sends() throws Exception {
        Issued client = pki.intermediate("Ferry Test Devices CA").client("gw-sub").issue();

        TlsIdentity identity = Tls.load(Tls.mutual(pki, client)).current();
        TlsClient.connect(identity, "localhost", server.port());

        assertThat(identity.chain()).hasSize(2);
        assertThat(identity.chain().get(1).getSubjectX500Principal().getName()).contains("CN=Ferry Test Devices CA");
    }

    @Test
    void constrained_profile_is_negotiated_exactly() throws Exception {
        TlsConfig config = Tls.mutual(pki, ecClient)
                .withAlgorithms(List.of("TLSv1.2"), List.of("ECDHE-ECDSA-AES128-GCM-SHA256"), List.of("secp256r1"));

        SSLSession session = connect(config, server);

        assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
        assertThat(session.getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void named_groups_are_applied() throws Exception {
        try (TlsTestServer x25519Only = TlsTestServer.start(pki.server("localhost"), List.of(pki.caCertificate()),
                parameters -> parameters.setNamedGroups(new String[] {"x25519"}));
                TlsTestServer p256Only = TlsTestServer.start(pki.server("localhost"), List.of(pki.caCertificate()),
                        parameters -> parameters.setNamedGroups(new String[] {"secp256r1"}))) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                ClientTls tls = Tls.load(Tls.mutual(pki, ecClient).withAlgorithms(List.of(protocol), List.of(), List.of("P-256")));

                assertThat(TlsClient.connect(tls.current(), "localhost", p256Only.port()).getProtocol()).isEqualTo(protocol);
                assertThatThrownBy(() -> TlsClient.connect(tls.current(), "localhost", x25519Only.port()))
                        .isInstanceOf(java.io.IOException.class);
            }
            // With TLS 1.2 the JDK server says handshake_failure; with TLS 1.3 it says unexpected_message.
            ClientTls tls12 = Tls.load(Tls.mutual(pki, ecClient).withAlgorithms(List.of("TLSv1.2"), List.of(), List.of("P-256")));
            assertThatThrownBy(() -> TlsClient.connect(tls12.current(), "localhost", x25519Only.port()))
                    .satisfies(e -> assertThat(tls12.explain(e))
                            .isEqualTo("no common cipher suite, protocol or group with the server (handshake_failure)"));
        }
    }

    @Test
    void identity_exposes_the_material_a_dtls_stack_needs() throws Exception {
        TlsIdentity identity = Tls.load(Tls.mutual(pki, ecClient)).current();

        assertThat(identity.privateKey()).isNotNull();
        assertThat(identity.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(identity.chain()).containsExactly(ecClient.certificate());
        assertThat(identity.trustedCertificates()).containsExactly(pki.caCertificate());
        assertThat(identity.keyManagers()).hasSize(1);
        assertThat(identity.trustManagers()).hasSize(1);
    }
}
