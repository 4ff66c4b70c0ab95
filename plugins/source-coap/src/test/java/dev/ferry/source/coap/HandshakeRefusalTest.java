package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.runtime.metrics.PluginMetricsRegistry;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices the gateway must not talk to are refused in the DTLS handshake, before any request is read: a certificate
 * from another CA, no certificate, a certificate without a tenant or with two, an unknown or wrong pre-shared key.
 * Each is counted, by the alert sent, and nothing is stored.
 */
class HandshakeRefusalTest {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Issued gateway;
    private static RunningIngress ingress;
    private static final PluginMetricsRegistry metrics = new PluginMetricsRegistry();

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        gateway = pki.server("localhost");
        ingress = RunningIngress.start(section("needed"), dir, Clock.systemUTC(), metrics);
    }

    @AfterAll
    static void stop() {
        ingress.close();
    }

    private static String section(String clientAuth) {
        return """
                type: coap
                listen: 127.0.0.1
                port: 0
                client_auth: %s
                tls:
                  ca: %s
                  cert: %s
                  key: %s
                psk_devices:
                  - {identity: meter-7, key: secret-7, tenant: globex}
                """.formatted(clientAuth, pki.caFile(), gateway.certFile(), gateway.keyFile());
    }

    @Test
    void aDeviceOfAnotherCaIsRefusedAtTheHandshake() throws Exception {
        TestPki other = TestPki.create(dir, "Other CA", KeyType.EC);
        Issued rogue = other.client("rogue").tenant("acme").issue();

        assertRefusedAtHandshake(() -> Libcoap.post().format(110).certificate(rogue, pki.caFile()).waitAtMost(5)
                .payload("[{\"n\":\"t\",\"v\":1}]").send(ingress.coaps("readings")).code());
        assertRefusedAtHandshake(() -> {
            try (CfDevice device = CfDevice.certificate(rogue, pki.caFile())) {
                return device.post(ingress.coaps("readings"), 110, "[{\"n\":\"t\",\"v\":1}]").response() == null ? null : "answered";
            }
        });
    }

    @Test
    void aDeviceWithoutCertificateIsRefusedAtTheHandshake() throws Exception {
        assertRefusedAtHandshake(() -> Libcoap.post().format(110).trusting(pki.caFile()).waitAtMost(5)
                .payload("[{\"n\":\"t\",\"v\":1}]").send(ingress.coaps("readings")).code());
    }

    @Test
    void aCertificateWithoutTenantOrWithTwoIsRefusedAtTheHandshake() throws Exception {
        Issued bare = pki.client("bare").issue();
        Issued twoTenants = pki.client("greedy").uri("urn:tenant:acme", "urn:tenant:globex").issue();
        Issued badName = pki.client("slashed").uri("urn:tenant:acme/../globex").issue();

        for (Issued device : new Issued[] {bare, twoTenants, badName}) {
            assertRefusedAtHandshake(() -> Libcoap.post().format(110).certificate(device, pki.caFile()).waitAtMost(5)
                    .payload("[{\"n\":\"t\",\"v\":1}]").send(ingress.coaps("readings")).code());
            assertRefusedAtHandshake(() -> {
                try (CfDevice cf = CfDevice.certificate(device, pki.caFile())) {
                    CfDevice.Outcome outcome = cf.post(ingress.coaps("readings"), 110, "[{\"n\":\"t\",\"v\":1}]");
                    assertThat(outcome.failure()).as("%s", outcome).containsIgnoringCase("access_denied");
                    return null;
                }
            });
        }
        assertThat(handshakeFailures()).containsKey("access_denied");
    }

    @Test
    void anUnknownPreSharedKeyIdentityIsRefusedAtTheHandshake() throws Exception {
        assertRefusedAtHandshake(() -> Libcoap.post().format(110).psk("meter-8", "secret-7").waitAtMost(5)
                .payload("[{\"n\":\"t\",\"v\":1}]").send(ingress.coaps("readings")).code());
        assertThat(handshakeFailures()).containsKey("unknown_psk_identity");
    }

    @Test
    void aWrongPreSharedKeyNeverGetsASession() throws Exception {
        // Scandium drops the records it cannot decrypt, without an alert; the handshake times out on both sides.
        Libcoap.Result result = Libcoap.post().format(110).psk("meter-7", "guessed").waitAtMost(5)
                .payload("[{\"n\":\"t\",\"v\":1}]").send(ingress.coaps("readings"));

        assertThat(result.code()).as("%s", result).isNull();
        assertThat(ingress.counts().refusals().values()).as("no request reached the ingress").containsOnly(0L);
        assertThat(ingress.emitter().readings()).isEmpty();
    }

    @Test
    void withClientAuthWantedASessionWithoutCertificateGets401() throws Exception {
        try (RunningIngress lenient = RunningIngress.start(section("wanted"), dir)) {
            Libcoap.Result result = Libcoap.post().format(110).trusting(pki.caFile())
                    .payload("[{\"n\":\"t\",\"v\":1}]").send(lenient.coaps("readings"));

            assertThat(result.code()).as("%s", result).isEqualTo("4.01");
            assertThat(result.stderr()).contains("this DTLS session has no client certificate");
            assertThat(lenient.counts().refused(Refusal.UNAUTHENTICATED)).isEqualTo(1);
            assertThat(lenient.emitter().readings()).isEmpty();
        }
    }

    /** {@code ferry_source_coap_tls_handshake_failures_total} as the management endpoint shows it, by reason. */
    private static Map<String, Double> handshakeFailures() {
        Map<String, Double> byReason = new TreeMap<>();
        for (PluginMetricsRegistry.Series series : metrics.collect()) {
            if (series.family().equals("ferry_source_coap_tls_handshake_failures")) {
                byReason.put(series.labels().get("reason"), series.value());
            }
        }
        return byReason;
    }

    private interface Attempt {
        /** The response code the device got, or null when it got none. */
        String run() throws Exception;
    }

    private static void assertRefusedAtHandshake(Attempt attempt) throws Exception {
        long before = ingress.counts().refusedHandshakes();
        assertThat(attempt.run()).as("the device got no response").isNull();
        // Counted right after the alert goes out, which the device may see first.
        await().atMost(Duration.ofSeconds(10)).until(() -> ingress.counts().refusedHandshakes() > before);
        assertThat(handshakeFailures().values().stream().mapToDouble(Double::doubleValue).sum())
                .as("every refusal in the metrics, by reason: %s", handshakeFailures())
                .isEqualTo(ingress.counts().refusedHandshakes());
        assertThat(ingress.counts().refusals().values()).as("no request reached the ingress").containsOnly(0L);
        assertThat(ingress.emitter().readings()).isEmpty();
    }
}
