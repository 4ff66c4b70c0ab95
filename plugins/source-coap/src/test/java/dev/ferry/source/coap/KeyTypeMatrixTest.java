package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.testkit.pki.CertificateRequest;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every pairing of EC and RSA certificates, the device's and the gateway's, works with the ingress's default settings:
 * libcoap's {@code coap-client-openssl} as the device, its reading stored with its tenant and name. A fleet mixes
 * both kinds of device, and the gateway's certificate comes from whatever PKI the site runs.
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

    @ParameterizedTest(name = "device {0}, gateway {1}")
    @CsvSource({"ec, ec", "ec, rsa", "rsa, ec", "rsa, rsa"})
    void aDeviceWithEitherKeyReachesAGatewayWithEither(String deviceKey, String gatewayKey) throws Exception {
        Issued gateway = keyed(pki.serverCertificate("localhost").dns("localhost").ip("127.0.0.1"), gatewayKey)
                .fileName("gateway-" + gatewayKey).issue();
        Issued device = keyed(pki.client("sensor-" + deviceKey).tenant("acme"), deviceKey).fileName("device-" + deviceKey).issue();
        try (RunningIngress ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                tls:
                  ca: %s
                  cert: %s
                  key: %s
                """.formatted(pki.caFile(), gateway.certFile(), gateway.keyFile()), dir)) {

            Libcoap.Result result = Libcoap.post().format(110).certificate(device, pki.caFile())
                    .payload("[{\"n\":\"level\",\"v\":7}]").send(ingress.coaps("readings"));

            assertThat(result.code()).as("%s", result).isEqualTo("2.04");
            assertThat(ingress.emitter().readings()).singleElement().satisfies(reading -> {
                assertThat(reading.metric()).isEqualTo("level");
                assertThat(reading.value()).isEqualTo(new Value.Int(7));
                assertThat(reading.tags()).isEqualTo(Map.of("tenant", "acme", "device", "sensor-" + deviceKey));
            });
        }
    }

    private static CertificateRequest keyed(CertificateRequest request, String key) {
        return key.equals("rsa") ? request.rsa() : request.ec();
    }
}
