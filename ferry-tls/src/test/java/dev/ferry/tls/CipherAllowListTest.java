package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cipher_suites} against OpenSSL's {@code s_server} held to a suite list of its own, one server for TLS 1.2
 * and one for TLS 1.3: a list that shares a suite with the server gets that suite; a list that shares none is
 * refused at the handshake, explained with the list and counted under the server's alert, as other refusals are.
 */
class CipherAllowListTest {

    @TempDir
    static Path dir;

    static TestPki pki;
    static Issued client;
    static OpensslServer tls12;
    static OpensslServer tls13;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        client = pki.client("gw-01").issue();
        Issued server = pki.serverCertificate("localhost").dns("localhost").rsa().issue();
        tls12 = OpensslServer.start(server, "-no_tls1_3", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384");
        tls13 = OpensslServer.start(server, "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256");
    }

    @AfterAll
    static void stop() {
        tls12.close();
        tls13.close();
    }

    private static TlsConfig allowing(String... suites) {
        return Tls.mutual(pki, client).withAlgorithms(List.of(), List.of(suites), List.of());
    }

    @Test
    void aListSharingOneSuiteWithTheServerGetsThatSuite() throws Exception {
        ClientTls tls = Tls.load(allowing("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384"));

        assertThat(handshake(tls.current(), tls12.port())).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(handshake(Tls.load(allowing("TLS_CHACHA20_POLY1305_SHA256")).current(), tls13.port()))
                .isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void aTls12ListSharingNoSuiteWithTheServerIsRefusedNamingTheList() throws Exception {
        ClientTls tls = Tls.load(allowing("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"));

        IOException failure = refused(tls, tls12.port());

        assertThat(tls.explain(failure)).isEqualTo("server accepts none of the cipher suites tls.cipher_suites allows,"
                + " [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384] (handshake_failure)");
        assertThat(tls.current().handshakeFailureCode(failure)).isEqualTo("handshake_failure");
    }

    @Test
    void aTls13ListSharingNoSuiteWithTheServerIsRefusedNamingTheList() throws Exception {
        ClientTls tls = Tls.load(allowing("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"));

        IOException failure = refused(tls, tls13.port());

        assertThat(tls.explain(failure)).isEqualTo("server accepts none of the cipher suites tls.cipher_suites allows,"
                + " [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384] (handshake_failure)");
        assertThat(tls.current().handshakeFailureCode(failure)).isEqualTo("handshake_failure");
    }

    @Test
    void withoutAClientCertificateTheOtherLikelyCauseIsNamedToo() throws Exception {
        ClientTls tls = Tls.load(Tls.trusting(pki).withAlgorithms(List.of(), List.of("ECDHE-RSA-AES128-GCM-SHA256"), List.of()));

        assertThat(tls.explain(refused(tls, tls12.port()))).isEqualTo("server accepts none of the cipher suites"
                + " tls.cipher_suites allows, [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256] (handshake_failure);"
                + " or it requires a client certificate");
    }

    /** The suite the handshake settled on. */
    private static String handshake(TlsIdentity identity, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) identity.socketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.setSSLParameters(identity.parameters("localhost"));
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    private static IOException refused(ClientTls tls, int port) {
        IOException[] failure = new IOException[1];
        assertThatThrownBy(() -> handshake(tls.current(), port)).isInstanceOfSatisfying(IOException.class, e -> failure[0] = e);
        return failure[0];
    }

    /** {@code openssl s_server -www} on a free loopback port, one connection at a time. */
    record OpensslServer(Process process, int port) implements AutoCloseable {

        static OpensslServer start(Issued certificate, String... algorithms) throws IOException {
            int port = FreePorts.tcp();
            List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-www", "-accept", "127.0.0.1:" + port,
                    "-cert", certificate.certFile().toString(), "-key", certificate.keyFile().toString()));
            command.addAll(List.of(algorithms));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                said.append(line).append('\n');
                if (line.startsWith("ACCEPT")) {
                    Thread.ofVirtual().start(() -> out.lines().forEach(rest -> { }));   // keep its pipe from filling
                    return new OpensslServer(process, port);
                }
            }
            process.destroyForcibly();
            throw new IOException("openssl s_server did not start: " + command + "\n" + said);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
