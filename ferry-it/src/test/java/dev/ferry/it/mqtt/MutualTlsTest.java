package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS to a Mosquitto that requires a client certificate from the test CA, with the client's identity in each
 * form the {@code tls:} section takes: EC key in PEM, RSA key in encrypted PKCS#8 unlocked by a password from the
 * environment, and a PKCS#12 file. The broker takes the certificate's CN as the user name, so its log shows which
 * certificate the agent presented. Readings arrive with their IDs, none missing.
 */
class MutualTlsTest {

    @TempDir
    static Path shared;

    private static TestPki pki;
    private static MosquittoBroker broker;

    @TempDir
    Path work;

    @BeforeAll
    static void startBroker() throws Exception {
        pki = TestPki.create(Files.createDirectories(shared.resolve("pki")));
        Issued server = pki.server("localhost");
        broker = MosquittoBroker.builder(shared.resolve("broker"))
                .tls(new MosquittoConfig.Tls(pki.caFile(), server.certFile(), server.keyFile(), true, null, true))
                .maxInflightMessages(1000)
                .start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ecKeyInPem() throws Exception {
        Issued client = pki.client("ec-gw").issue();
        publishesOverMutualTls("ec-gw", Map.of(),
                "  cert: " + AgentConfig.quoted(client.certFile()),
                "  key: " + AgentConfig.quoted(client.keyFile()));
    }

    @Test
    void rsaKeyInEncryptedPkcs8WithThePasswordFromTheEnvironment() throws Exception {
        Issued client = pki.client("rsa-gw").rsa().issue();
        publishesOverMutualTls("rsa-gw", Map.of("KEY_PASSWORD", "correct horse"),
                "  cert: " + AgentConfig.quoted(client.certFile()),
                "  key: " + AgentConfig.quoted(client.encryptedKeyFile("correct horse")),
                "  password: ${KEY_PASSWORD}");
    }

    @Test
    void pkcs12WithAPassword() throws Exception {
        Issued client = pki.client("p12-gw").issue();
        publishesOverMutualTls("p12-gw", Map.of("P12_PASSWORD", "battery staple"),
                "  cert: " + AgentConfig.quoted(client.p12File("battery staple")),
                "  password: ${P12_PASSWORD}");
    }

    /** {@code identity}: the lines of the tls section after {@code ca}; the client certificate's CN is the agent id. */
    private void publishesOverMutualTls(String agentId, Map<String, String> env, String... identity) throws Exception {
        List<String> keys = new ArrayList<>(List.of("tls:", "  ca: " + AgentConfig.quoted(pki.caFile())));
        keys.addAll(List.of(identity));
        String url = "mqtts://localhost:" + broker.tlsPort();
        Path config = AgentConfig.agent(agentId).mqttSink("cloud", url, keys.toArray(String[]::new)).write(work);
        ReceivedReadings received = new ReceivedReadings(agentId);

        try (MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/" + agentId + "/#").start();
                AgentProcess agent = AgentProcess.start(work, "agent", env, "run", "-c", config.toString())) {
            Waits.caughtUp(agent, received, recorder, Instant.now());
            Waits.caughtUp(agent, received, recorder, Instant.now().plusSeconds(1));
            Waits.stopCleanly(agent);
            assertThat(agent.stderrText()).contains("sink cloud: connected to " + url);
            assertThat(broker.log()).contains(" as " + agentId + " (p5, c1, k20, u'" + agentId + "')");
            env.values().forEach(secret -> assertThat(agent.stderrText()).doesNotContain(secret));
            received.update(recorder);
        }
        Completeness.assertDelivered(received, LoggedReadings.read(work.resolve("data")), "cloud");
    }
}
