package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sink.coap.support.LibcoapServer;
import dev.ferry.sink.coap.support.Payloads;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against libcoap's {@code coap-server-openssl}, a CoAP stack written apart from Californium: plain CoAP,
 * DTLS with certificates both ways, DTLS with a pre-shared key. What the server took is read back with
 * {@code coap-client-openssl}, and its log shows the options each request carried.
 */
class LibcoapInteropTest {

    @TempDir
    static Path pkiDir;

    static TestPki pki;
    static Issued serverCert;
    static Issued clientCert;

    @TempDir
    Path dir;

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(pkiDir);
        serverCert = pki.server("localhost");
        clientCert = pki.client("gw-01").issue();
    }

    @Test
    void plainCoapPutsJsonArraysThatReplaceTheResource() throws Exception {
        try (LibcoapServer server = LibcoapServer.plain(dir)) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coap://127.0.0.1:%d/ferry/in
                        method: put
                        encoding: json
                    """.formatted(server.coapPort()), new TestSinks.Reports());
            try {
                sink.open();
                send(sink, 0, 5);
                List<Map<String, Object>> first = Payloads.records(server.get("ferry/in"), Payloads.JSON);
                assertThat(first).extracting(r -> r.get("id")).containsExactlyElementsOf(TestSinks.ids(0, 5));
                assertThat(first.getFirst()).containsEntry("seq", 0L).containsEntry("source", "boiler")
                        .containsEntry("metric", "m0").containsEntry("value", 0.0).containsEntry("unit", "Cel")
                        .containsEntry("time", "2023-11-14T22:13:20Z");
                send(sink, 5, 3);
                assertThat(Payloads.ids(server.get("ferry/in"), Payloads.JSON)).containsExactlyElementsOf(TestSinks.ids(5, 3));
            } finally {
                sink.close();
            }
            assertThat(server.dataRequests()).hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("c:PUT").contains("Uri-Path:ferry, Uri-Path:in")
                            .contains("Content-Format:application/json"));
        }
    }

    @Test
    void dtlsWithCertificatesBothWaysPostsSenmlCbor() throws Exception {
        try (LibcoapServer server = LibcoapServer.certificates(dir, serverCert.certFile(), serverCert.keyFile(), pki.caFile())) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coaps://127.0.0.1:%d/ferry/in
                        tls:
                          ca: %s
                          cert: %s
                          key: %s
                    """.formatted(server.coapsPort(), pki.caFile(), clientCert.certFile(), clientCert.keyFile()),
                    new TestSinks.Reports());
            try {
                sink.open();
                send(sink, 100, 10);
            } finally {
                sink.close();
            }
            List<Map<String, Object>> records = Payloads.records(server.get("ferry/in"), Payloads.SENML_CBOR);
            assertThat(records).extracting(r -> r.get("id")).containsExactlyElementsOf(TestSinks.ids(100, 10));
            assertThat(records.getFirst()).containsEntry("bn", "gw-test:").containsEntry("n", "boiler/m1")
                    .containsEntry("u", "Cel").containsEntry("v", 10.0).containsEntry("t", 1_700_000_100.0);
            assertThat(server.dataRequests()).singleElement().satisfies(line -> assertThat(line).contains("c:POST")
                    .contains("Content-Format:application/senml+cbor"));
            assertThat(server.log()).as("the handshake went through DTLS").contains("DTLS");
        }
    }

    @Test
    void dtlsWithAPkcs12IdentityAndBlockwiseTransfer() throws Exception {
        Path p12 = clientCert.p12File("changeit");
        try (LibcoapServer server = LibcoapServer.certificates(dir, serverCert.certFile(), serverCert.keyFile(), pki.caFile())) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coaps://localhost:%d/ferry/big
                        max_payload: 8KiB
                        max_readings: 100
                        block_size: 256B
                        encoding: senml-json
                        tls:
                          ca: %s
                          cert: %s
                          password: changeit
                    """.formatted(server.coapsPort(), pki.caFile(), p12), new TestSinks.Reports());
            try {
                sink.open();
                send(sink, 0, 100);
            } finally {
                sink.close();
            }
            byte[] whole = server.get("ferry/big");
            assertThat(whole.length).isGreaterThan(20 * 256);
            assertThat(Payloads.ids(whole, Payloads.SENML_JSON)).containsExactlyElementsOf(TestSinks.ids(0, 100));
            assertThat(server.log()).contains("Block1:");
        }
    }

    @Test
    void dtlsWithAPreSharedKeyPostsSenmlJson() throws Exception {
        try (LibcoapServer server = LibcoapServer.psk(dir, "s3cret-key", "ferry")) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coaps://127.0.0.1:%d/ferry/in
                        encoding: senml-json
                        psk:
                          identity: gw-01
                          key: s3cret-key
                    """.formatted(server.coapsPort()), new TestSinks.Reports());
            try {
                sink.open();
                send(sink, 7, 4);
            } finally {
                sink.close();
            }
            assertThat(Payloads.ids(server.get("ferry/in"), Payloads.SENML_JSON)).containsExactlyElementsOf(TestSinks.ids(7, 4));
            assertThat(server.dataRequests()).singleElement()
                    .satisfies(line -> assertThat(line).contains("Content-Format:application/senml+json"));
        }
    }

    private static void send(CoapSink sink, long firstSeq, int count) throws Exception {
        sink.send(TestSinks.readings(firstSeq, count)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
