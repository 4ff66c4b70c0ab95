package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.ferry.sink.coap.support.LibcoapServer;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.metrics.PluginMetricsRegistry;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handshakes libcoap's server refuses, or that the sink refuses: opening fails with one line saying why, which the
 * runner puts into the sink's health (shown once through a whole agent) and counts by reason, never a stack trace.
 */
class DtlsRefusalsTest {

    @TempDir
    static Path pkiDir;

    static TestPki pki;
    static TestPki other;
    static Issued serverCert;
    static Issued clientCert;

    @TempDir
    Path dir;

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(pkiDir);
        other = TestPki.create(pkiDir, "Other CA", KeyType.EC);
        serverCert = pki.server("localhost");
        clientCert = pki.client("gw-01").issue();
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() throws Exception {
        Issued impostor = other.server("localhost");
        try (LibcoapServer server = LibcoapServer.certificates(dir, impostor.certFile(), impostor.keyFile(), pki.caFile())) {
            String reason = openFails(certificateSink(server.coapsPort(), clientCert));
            assertThat(reason).isEqualTo("coaps://127.0.0.1:" + server.coapsPort()
                    + ": server certificate not trusted (issuer CN=Other CA,O=Ferry Test is not in tls.ca)");
        }
    }

    @Test
    void theAgentShowsTheRefusalAsTheSinksHealth() throws Exception {
        Issued impostor = other.server("localhost");
        try (LibcoapServer server = LibcoapServer.certificates(dir, impostor.certFile(), impostor.keyFile(), pki.caFile())) {
            Path config = dir.resolve("ferry.yaml");
            Files.writeString(config, """
                    agent: {id: gw-01, data_dir: ./data}
                    sources:
                      boiler: {type: simulated, interval: 100ms}
                    sinks:
                      upstream:
                        type: coap
                        url: coaps://127.0.0.1:%d/ferry/in
                        retry_initial: 100ms
                        tls: {ca: %s, cert: %s, key: %s}
                    """.formatted(server.coapsPort(), pki.caFile(), clientCert.certFile(), clientCert.keyFile()));
            Agent agent = Agent.start(ConfigLoader.load(config, Map.of(), PluginRegistry.load(getClass().getClassLoader())),
                    Ticker.system());
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(agent.health().health("sink upstream").orElseThrow()).hasToString("DOWN (cannot open:"
                                + " coaps://127.0.0.1:" + server.coapsPort() + ": server certificate not trusted (issuer"
                                + " CN=Other CA,O=Ferry Test is not in tls.ca))"));
                // every refused handshake counted by its reason, for the management endpoint's metrics
                assertThat(agent.pluginMetrics().collect()).anySatisfy(series -> {
                    assertThat(series.family()).isEqualTo("ferry_sink_coap_tls_handshake_failures");
                    assertThat(series.labels()).containsExactlyInAnyOrderEntriesOf(
                            Map.of("sink", "upstream", "reason", "server_not_trusted"));
                    assertThat(series.value()).isGreaterThanOrEqualTo(1);
                });
            } finally {
                agent.stop(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aClientCertificateTheServerDoesNotTrustIsRefusedByTheServer() throws Exception {
        Issued stranger = other.client("gw-01").issue();
        try (LibcoapServer server = LibcoapServer.certificates(dir, serverCert.certFile(), serverCert.keyFile(), pki.caFile())) {
            PluginMetricsRegistry metrics = new PluginMetricsRegistry();
            String reason = openFails(certificateSink(server.coapsPort(), stranger, metrics));
            assertThat(reason).startsWith("coaps://127.0.0.1:" + server.coapsPort() + ": the server refused our certificate (");
            String alert = reason.substring(reason.indexOf('(') + 1, reason.indexOf(')'));
            assertThat(TestSinks.handshakeFailures(metrics)).isEqualTo(Map.of(alert, 1.0));
        }
    }

    @Test
    void aWrongPreSharedKeyIsRefused() throws Exception {
        try (LibcoapServer server = LibcoapServer.psk(dir, "right-key", "ferry")) {
            PluginMetricsRegistry metrics = new PluginMetricsRegistry();
            CoapSink sink = TestSinks.create(dir, """
                        url: coaps://127.0.0.1:%d/ferry/in
                        ack_timeout: 500ms
                        max_retransmit: 2
                        psk:
                          identity: gw-01
                          key: wrong-key
                    """.formatted(server.coapsPort()), new TestSinks.Reports(), metrics);
            String reason = openFails(sink);
            // OpenSSL drops the Finished it cannot decrypt without an alert, as DTLS allows: silence after the hello.
            assertThat(reason).isEqualTo("coaps://127.0.0.1:" + server.coapsPort() + ": the server answered our hello but not"
                    + " our Finished: it most likely refused our pre-shared key; check psk.identity and psk.key");
            assertThat(TestSinks.handshakeFailures(metrics)).isEqualTo(Map.of("timeout", 1.0));
        }
    }

    private CoapSink certificateSink(int port, Issued client) throws Exception {
        return certificateSink(port, client, new PluginMetricsRegistry());
    }

    private CoapSink certificateSink(int port, Issued client, PluginMetricsRegistry metrics) throws Exception {
        return TestSinks.create(dir, """
                    url: coaps://127.0.0.1:%d/ferry/in
                    ack_timeout: 500ms
                    max_retransmit: 2
                    tls:
                      ca: %s
                      cert: %s
                      key: %s
                """.formatted(port, pki.caFile(), client.certFile(), client.keyFile()), new TestSinks.Reports(), metrics);
    }

    /** The message opening fails with; it must be one line, without exception class names. */
    private static String openFails(CoapSink sink) {
        try {
            IOException failure = catchThrowableOfType(IOException.class, sink::open);
            assertThat(failure).as("opening fails").isNotNull();
            assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("Exception");
            return failure.getMessage();
        } finally {
            sink.close();
        }
    }
}
