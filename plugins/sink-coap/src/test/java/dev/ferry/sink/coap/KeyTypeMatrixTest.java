package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sink.coap.support.LibcoapServer;
import dev.ferry.sink.coap.support.Payloads;
import dev.ferry.testkit.pki.CertificateRequest;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every pairing of EC and RSA certificates, the sink's and the server's, works with the default settings against
 * libcoap's {@code coap-server-openssl}: the cipher suites offered by default are not chosen by the sink's own key
 * alone, since the suite's signature is the server's.
 */
class KeyTypeMatrixTest {

    @TempDir
    static Path pkiDir;

    static TestPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeThePki() {
        pki = TestPki.create(pkiDir);
    }

    @ParameterizedTest(name = "sink {0}, server {1}")
    @CsvSource({"ec, ec", "ec, rsa", "rsa, ec", "rsa, rsa"})
    void aSinkWithEitherKeyReachesAServerWithEither(String sinkKey, String serverKey) throws Exception {
        Issued server = keyed(pki.serverCertificate("localhost").dns("localhost").ip("127.0.0.1"), serverKey)
                .fileName("server-" + serverKey).issue();
        Issued client = keyed(pki.client("gw-" + sinkKey), sinkKey).fileName("client-" + sinkKey).issue();
        try (LibcoapServer libcoap = LibcoapServer.certificates(dir, server.certFile(), server.keyFile(), pki.caFile())) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coaps://localhost:%d/ferry/in
                        tls: {ca: %s, cert: %s, key: %s}
                    """.formatted(libcoap.coapsPort(), pki.caFile(), client.certFile(), client.keyFile()),
                    new TestSinks.Reports());
            try {
                sink.open();
                sink.send(TestSinks.readings(0, 3)).toCompletableFuture().get(60, TimeUnit.SECONDS);
            } finally {
                sink.close();
            }
            List<String> ids = Payloads.ids(libcoap.get("ferry/in"), Payloads.SENML_CBOR);
            assertThat(ids).containsExactlyElementsOf(TestSinks.ids(0, 3));
        }
    }

    private static CertificateRequest keyed(CertificateRequest request, String key) {
        return key.equals("rsa") ? request.rsa() : request.ec();
    }
}
