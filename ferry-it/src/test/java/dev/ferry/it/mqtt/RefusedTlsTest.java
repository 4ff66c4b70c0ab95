package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.management.Endpoint;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS set up wrong, each way with its reason where the user looks. A problem of the files themselves (an expired
 * certificate, a wrong key password) stops {@code ferry run} at once with exit code 1 and one line naming key, file
 * and remedy. A problem the broker finds (no certificate, a certificate from another CA, a server certificate for
 * another host) is a health line {@code sink cloud: DOWN (...)} with the reason, and a failed handshake counted by
 * reason in the metrics; the agent keeps running and retrying with backoff, as the broker's configuration may be
 * what is wrong.
 */
class RefusedTlsTest {

    @TempDir
    static Path shared;

    private static TestPki pki;
    private static Issued server;

    @TempDir
    Path work;

    @BeforeAll
    static void createPki() throws Exception {
        pki = TestPki.create(Files.createDirectories(shared.resolve("pki")));
        server = pki.server("localhost");
    }

    @Test
    void noClientCertificateWhereTheBrokerRequiresOne() throws Exception {
        try (MosquittoBroker broker = mutualTlsBroker(server)) {
            List<String> reasons = refusedByBroker("nocert-gw", broker, "tls:", "  ca: " + AgentConfig.quoted(pki.caFile()));
            assertThat(reasons).allSatisfy(reason -> assertThat(reason).contains("client certificate"));
        }
    }

    @Test
    void clientCertificateFromAnotherCa() throws Exception {
        TestPki other = TestPki.create(pki.dir(), "Other CA", KeyType.EC);
        Issued stranger = other.client("stranger-gw").issue();
        try (MosquittoBroker broker = mutualTlsBroker(server)) {
            List<String> reasons = refusedByBroker("stranger-gw", broker, "tls:", "  ca: " + AgentConfig.quoted(pki.caFile()),
                    "  cert: " + AgentConfig.quoted(stranger.certFile()), "  key: " + AgentConfig.quoted(stranger.keyFile()));
            assertThat(reasons).allSatisfy(reason -> assertThat(reason)
                    .containsAnyOf("server refused our certificate (unknown_ca)",
                            "refuse our certificate CN=stranger-gw (issuer CN=Other CA)"));
        }
    }

    @Test
    void serverCertificateForAnotherHost() throws Exception {
        Issued elsewhere = pki.serverCertificate("broker.example").dns("broker.example").issue();
        Issued client = pki.client("hostname-gw").issue();
        try (MosquittoBroker broker = mutualTlsBroker(elsewhere)) {
            List<String> reasons = refusedByBroker("hostname-gw", broker, "tls:", "  ca: " + AgentConfig.quoted(pki.caFile()),
                    "  cert: " + AgentConfig.quoted(client.certFile()), "  key: " + AgentConfig.quoted(client.keyFile()));
            assertThat(reasons).allSatisfy(reason -> assertThat(reason)
                    .contains("hostname localhost does not match the server certificate (names: broker.example)"));
            assertThat(lastHandshakeFailures.keySet()).containsExactly("server_not_trusted");
        }
    }

    @Test
    void expiredClientCertificateIsRefusedAtStart() throws Exception {
        Issued late = pki.client("late-gw").expired().issue();
        AgentProcess.Result result = refusedAtStart("late-gw", Map.of(), "tls:", "  ca: " + AgentConfig.quoted(pki.caFile()),
                "  cert: " + AgentConfig.quoted(late.certFile()), "  key: " + AgentConfig.quoted(late.keyFile()));
        assertThat(result.stderr()).contains("tls.cert").contains(late.certFile().toString()).contains("expired");
    }

    @Test
    void wrongKeyPasswordIsRefusedAtStart() throws Exception {
        Issued client = pki.client("locked-gw").issue();
        Path key = client.encryptedKeyFile("the right one");
        AgentProcess.Result result = refusedAtStart("locked-gw", Map.of("KEY_PASSWORD", "a wrong one"), "tls:",
                "  ca: " + AgentConfig.quoted(pki.caFile()), "  cert: " + AgentConfig.quoted(client.certFile()),
                "  key: " + AgentConfig.quoted(key), "  password: ${KEY_PASSWORD}");
        assertThat(result.stderr()).contains("tls.key").contains(key.toString()).contains("password");
    }

    private MosquittoBroker mutualTlsBroker(Issued serverCertificate) throws Exception {
        return MosquittoBroker.builder(work.resolve("broker"))
                .tls(MosquittoConfig.Tls.mutual(pki.caFile(), serverCertificate.certFile(), serverCertificate.keyFile()))
                .start();
    }

    /**
     * Runs the agent against {@code broker} until it reported the sink DOWN and the broker saw it try twice more;
     * returns the reasons it gave (a health line is logged when the reason changes, and TLS 1.3 lets a refusal show
     * in two ways: as the server's alert, or as a connection closed before the alert was read). The agent must still
     * run, and stop cleanly.
     */
    private List<String> refusedByBroker(String agentId, MosquittoBroker broker, String... tls) throws Exception {
        int managementPort = FreePorts.tcp();
        Path config = AgentConfig.agent(agentId).management(managementPort)
                .mqttSink("cloud", "mqtts://localhost:" + broker.tlsPort(), tls).write(work);
        try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
            Waits.logged(agent, "sink cloud: DOWN (", 1);
            await().atMost(Waits.LIMIT)
                    .until(() -> !agent.isAlive() || Waits.occurrences(broker.log(), "New connection from") >= 3);
            assertThat(agent.isAlive()).as("agent still runs; stderr:%n%s", agent.stderrText()).isTrue();
            lastHandshakeFailures = handshakeFailures(new Endpoint(managementPort).get("/metrics").body());
            assertThat(lastHandshakeFailures.values().stream().mapToDouble(Double::doubleValue).sum())
                    .as("failed handshakes in the metrics: %s", lastHandshakeFailures).isGreaterThanOrEqualTo(1);
            Waits.stopCleanly(agent);
            String log = agent.stderrText();
            assertThat(log).doesNotContain("sink cloud: UP").doesNotContain("Exception");
            List<String> reasons = log.lines().filter(line -> line.contains("sink cloud: DOWN ("))
                    .map(line -> line.substring(line.indexOf("sink cloud: DOWN ("))).toList();
            assertThat(Set.copyOf(reasons)).as("reasons given, each logged once when it changed:%n%s", log).hasSizeBetween(1, 2);
            reasons.stream().distinct().forEach(System.out::println);
            return reasons;
        }
    }

    /** The failed handshakes the last {@link #refusedByBroker} run counted, by reason. */
    private Map<String, Double> lastHandshakeFailures = Map.of();

    private static Map<String, Double> handshakeFailures(String metrics) {
        Map<String, Double> byReason = new TreeMap<>();
        Matcher m = Pattern.compile("^ferry_sink_mqtt_tls_handshake_failures_total\\{reason=\"([^\"]+)\",sink=\"cloud\"} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            byReason.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return byReason;
    }

    /** Runs the agent with a config that cannot load: it must exit 1 at once, with the reason and no stack trace. */
    private AgentProcess.Result refusedAtStart(String agentId, Map<String, String> env, String... tls) throws Exception {
        Path config = AgentConfig.agent(agentId).mqttSink("cloud", "mqtts://localhost:8883", tls).write(work);
        AgentProcess.Result result = AgentProcess.run(work, "agent", Duration.ofSeconds(30), env, "run", "-c", config.toString());
        System.out.println(result.stderr().lines().filter(line -> line.startsWith("ferry: ")).findFirst().orElse(""));
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
        return result;
    }
}
