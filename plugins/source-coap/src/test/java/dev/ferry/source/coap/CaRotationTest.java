package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.time.ManualTicker;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls files are followed without a restart: a new device CA bundle applies from the next handshake on. */
class CaRotationTest {

    private static final String PACK = "[{\"n\":\"t\",\"v\":1}]";

    @TempDir
    Path dir;

    @Test
    void aReplacedCaFileDecidesTheNextHandshakes() throws Exception {
        TestPki gatewayPki = TestPki.create(dir);
        Issued gateway = gatewayPki.server("localhost");
        TestPki oldFleet = TestPki.create(dir, "Old Fleet CA", KeyType.EC);
        TestPki newFleet = TestPki.create(dir, "New Fleet CA", KeyType.EC);
        Issued oldDevice = oldFleet.client("old-sensor").tenant("acme").issue();
        Issued newDevice = newFleet.client("new-sensor").tenant("acme").issue();
        Path devicesCa = Files.copy(oldFleet.caFile(), dir.resolve("devices-ca.pem"));
        ManualTicker ticker = new ManualTicker(java.time.Instant.now());
        try (RunningIngress ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                tls:
                  ca: %s
                  cert: %s
                  key: %s
                  reload_check: 10s
                """.formatted(devicesCa, gateway.certFile(), gateway.keyFile()), dir, ticker.clock())) {
            assertThat(send(ingress, oldDevice, gatewayPki)).isEqualTo("2.04");
            assertThat(send(ingress, newDevice, gatewayPki)).isEqualTo("none");

            Files.copy(newFleet.caFile(), devicesCa, StandardCopyOption.REPLACE_EXISTING);
            ticker.advance(Duration.ofSeconds(10));

            assertThat(send(ingress, newDevice, gatewayPki)).isEqualTo("2.04");
            assertThat(send(ingress, oldDevice, gatewayPki)).isEqualTo("none");
            assertThat(ingress.emitter().readings()).extracting(r -> r.tags().get("device"))
                    .containsExactly("old-sensor", "new-sensor");
        }
    }

    /** A fresh device session each time, as a device that just powered up. */
    private static String send(RunningIngress ingress, Issued device, TestPki gatewayPki) throws Exception {
        try (CfDevice cf = CfDevice.certificate(device, gatewayPki.caFile())) {
            return cf.post(ingress.coaps("readings"), 110, PACK).code();
        }
    }
}
