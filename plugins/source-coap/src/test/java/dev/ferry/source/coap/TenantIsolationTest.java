package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Reading;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices of tenants acme and globex push to one gateway. Each reading carries the tenant its sender's credentials
 * prove; a payload that names another tenant or device, as a tag or as a SenML name, is refused whole with 4.03.
 */
class TenantIsolationTest {

    private static final int SENML_JSON = 110;
    private static final int JSON = 50;

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Issued gateway;
    private static Issued acme;
    private static Issued globex;
    private static RunningIngress ingress;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        gateway = pki.server("localhost");
        acme = pki.client("acme-sensor").tenant("acme").issue();
        globex = pki.client("globex-sensor").tenant("globex").issue();
        ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                tls:
                  ca: %s
                  cert: %s
                  key: %s
                psk_devices:
                  - {identity: globex-meter, key: meter-key, tenant: globex}
                """.formatted(pki.caFile(), gateway.certFile(), gateway.keyFile()), dir);
    }

    @AfterAll
    static void stop() {
        ingress.close();
    }

    @BeforeEach
    void startEmpty() {
        ingress.emitter().clear();
    }

    @Test
    void eachDeviceLandsUnderTheTenantOfItsCertificate() throws Exception {
        try (CfDevice a = CfDevice.certificate(acme, pki.caFile()); CfDevice g = CfDevice.certificate(globex, pki.caFile())) {
            assertThat(a.post(ingress.coaps("readings"), SENML_JSON, "[{\"n\":\"t\",\"v\":1}]").code()).isEqualTo("2.04");
            assertThat(g.post(ingress.coaps("readings"), SENML_JSON, "[{\"n\":\"t\",\"v\":2}]").code()).isEqualTo("2.04");
        }
        assertThat(ingress.emitter().readings()).extracting(Reading::tags).containsExactly(
                Map.of("tenant", "acme", "device", "acme-sensor"), Map.of("tenant", "globex", "device", "globex-sensor"));
    }

    @Test
    void aGlobexDeviceClaimingAcmeIsRefusedWhateverWayItClaims() throws Exception {
        try (CfDevice g = CfDevice.certificate(globex, pki.caFile())) {
            assertForbidden(g.post(ingress.coaps("readings"), SENML_JSON,
                    "[{\"n\":\"t\",\"v\":1,\"tags\":{\"tenant\":\"acme\"}}]"),
                    "the payload claims tenant \"acme\", but this device belongs to tenant \"globex\"");
            assertForbidden(g.post(ingress.coaps("readings"), SENML_JSON,
                    "[{\"bn\":\"urn:tenant:acme:boiler:\",\"n\":\"t\",\"v\":1}]"),
                    "the name \"urn:tenant:acme:boiler:t\" claims tenant \"acme\", but this device belongs to tenant"
                            + " \"globex\"");
            assertForbidden(g.post(ingress.coaps("readings"), JSON,
                    "[{\"metric\":\"t\",\"value\":1},{\"metric\":\"t\",\"value\":2,\"tags\":{\"tenant\":\"acme\"}}]"),
                    "the payload claims tenant \"acme\", but this device belongs to tenant \"globex\"");
            assertForbidden(g.post(ingress.coaps("readings"), JSON,
                    "[{\"metric\":\"t\",\"value\":1,\"tags\":{\"device\":\"acme-sensor\"}}]"),
                    "the payload claims device \"acme-sensor\", but this is device \"globex-sensor\"");
        }
        Libcoap.Result printed = Libcoap.post().format(SENML_JSON).certificate(globex, pki.caFile())
                .payload("[{\"n\":\"t\",\"v\":1,\"tags\":{\"tenant\":\"acme\"}}]").send(ingress.coaps("readings"));
        assertThat(printed.code()).as("%s", printed).isEqualTo("4.03");
        assertThat(printed.stderr()).contains("4.03 the payload claims tenant \"acme\"");

        assertThat(ingress.emitter().readings()).isEmpty();
        assertThat(ingress.counts().refused(Refusal.FORBIDDEN)).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aPskDeviceIsHeldToItsConfiguredTenantToo() throws Exception {
        try (CfDevice meter = CfDevice.psk("globex-meter", "meter-key")) {
            assertForbidden(meter.post(ingress.coaps("readings"), SENML_JSON,
                    "[{\"n\":\"e\",\"v\":1,\"tags\":{\"tenant\":\"acme\"}}]"),
                    "the payload claims tenant \"acme\", but this device belongs to tenant \"globex\"");
            assertThat(meter.post(ingress.coaps("readings"), SENML_JSON,
                    "[{\"n\":\"e\",\"v\":1,\"tags\":{\"tenant\":\"globex\",\"device\":\"globex-meter\"}}]").code())
                    .as("repeating its own tenant and name is no claim").isEqualTo("2.04");
        }
        assertThat(ingress.emitter().readings()).singleElement()
                .satisfies(r -> assertThat(r.tags()).isEqualTo(Map.of("tenant", "globex", "device", "globex-meter")));
    }

    @Test
    void theTenantCanComeFromADnsNameWithAConfiguredPattern() throws Exception {
        Issued dnsNamed = pki.client("dns-sensor").dns("initech.devices.example.com").issue();
        try (RunningIngress byDns = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                tenant_from:
                  san: dns
                  pattern: ^(?<tenant>[a-z0-9-]+)\\.devices\\.example\\.com$
                tls:
                  ca: %s
                  cert: %s
                  key: %s
                """.formatted(pki.caFile(), gateway.certFile(), gateway.keyFile()), dir);
             CfDevice device = CfDevice.certificate(dnsNamed, pki.caFile());
             CfDevice uriNamed = CfDevice.certificate(acme, pki.caFile())) {
            assertThat(device.post(byDns.coaps("readings"), SENML_JSON, "[{\"n\":\"t\",\"v\":1}]").code()).isEqualTo("2.04");
            assertThat(byDns.emitter().readings()).singleElement()
                    .satisfies(r -> assertThat(r.tags()).containsEntry("tenant", "initech"));

            CfDevice.Outcome refused = uriNamed.post(byDns.coaps("readings"), SENML_JSON, "[{\"n\":\"t\",\"v\":1}]");
            assertThat(refused.response()).as("a URI tenant is not looked at: %s", refused).isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> byDns.counts().refusedHandshakes() == 1);
        }
    }

    private static void assertForbidden(CfDevice.Outcome outcome, String diagnostic) {
        assertThat(outcome.code()).as("%s", outcome).isEqualTo("4.03");
        assertThat(outcome.diagnostic()).isEqualTo(diagnostic);
    }
}
