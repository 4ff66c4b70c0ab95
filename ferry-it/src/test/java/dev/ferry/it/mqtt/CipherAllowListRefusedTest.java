package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.management.Endpoint;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink whose {@code cipher_suites} names none of the suites a Mosquitto with a {@code ciphers} list of its own
 * offers: the agent keeps running and retrying, its health names the list, and each refused handshake is counted
 * under the broker's alert, as other refusals are (RefusedTlsTest).
 */
class CipherAllowListRefusedTest {

    @TempDir
    Path work;

    @Test
    void anAllowListSharingNoSuiteWithTheBrokerIsRefusedNamingTheList() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(work.resolve("pki")));
        Issued server = pki.serverCertificate("localhost").dns("localhost").rsa().issue();
        Issued client = pki.client("suites-gw").issue();
        int managementPort = FreePorts.tcp();
        try (MosquittoBroker broker = MosquittoBroker.builder(work.resolve("broker"))
                .tls(new MosquittoConfig.Tls(pki.caFile(), server.certFile(), server.keyFile(), true, "tlsv1.2", false))
                .tlsListenerLine("ciphers ECDHE-RSA-AES256-GCM-SHA384").start()) {
            Path config = AgentConfig.agent("suites-gw").management(managementPort)
                    .mqttSink("cloud", "mqtts://localhost:" + broker.tlsPort(), "tls:",
                            "  ca: " + AgentConfig.quoted(pki.caFile()), "  cert: " + AgentConfig.quoted(client.certFile()),
                            "  key: " + AgentConfig.quoted(client.keyFile()),
                            "  cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256, ECDHE-ECDSA-AES256-GCM-SHA384]")
                    .write(work);
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                Waits.logged(agent, "sink cloud: DOWN (", 1);
                Endpoint endpoint = new Endpoint(managementPort);
                String failures = "ferry_sink_mqtt_tls_handshake_failures_total{reason=\"handshake_failure\",sink=\"cloud\"}";
                await().atMost(Waits.LIMIT).until(() -> !agent.isAlive()
                        || endpoint.get("/metrics").body().contains(failures));
                assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();
                assertThat(endpoint.metric(failures)).isGreaterThanOrEqualTo(1);
                Waits.stopCleanly(agent);
                assertThat(agent.stderrText()).contains("sink cloud: DOWN (cannot open: mqtts://localhost:" + broker.tlsPort()
                        + ": server accepts none of the cipher suites tls.cipher_suites allows, [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                        + " TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384] (handshake_failure))")
                        .doesNotContain("sink cloud: UP", "Exception");
            }
        }
    }
}
