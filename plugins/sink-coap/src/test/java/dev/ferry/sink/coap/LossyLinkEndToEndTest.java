package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.time.Ticker;
import dev.ferry.sink.coap.support.Payloads;
import dev.ferry.sink.coap.support.RecordingCoapServer;
import dev.ferry.sink.coap.support.RecordingCoapServer.Received;
import dev.ferry.testkit.net.UdpFaultProxy;
import dev.ferry.testkit.net.UdpProxyStats;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real agent (config file, simulated source, durable log, runner with its backoff) sends through a UDP link that
 * loses, delays, reorders and duplicates datagrams both ways, over DTLS with certificates, to a Californium server
 * that is stopped and started again mid-stream (losing its DTLS sessions, as a crash does). At the end the server
 * holds every reading the log assigned a sequence number, none missing; a reading that arrived twice is the same
 * reading under the same ID.
 */
class LossyLinkEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(LossyLinkEndToEndTest.class);

    @TempDir
    Path dir;

    @Test
    void everyReadingArrivesOverALossyDtlsLinkThroughAServerRestart() throws Exception {
        TestPki pki = TestPki.create(dir);
        Issued serverCert = pki.server("localhost");
        Issued clientCert = pki.client("e2e").issue();
        try (RecordingCoapServer server = RecordingCoapServer.certificates(serverCert, pki.caCertificate(), 4);
                UdpFaultProxy link = UdpFaultProxy.start(server.address(), 42)) {
            link.toTarget().loss(0.1).duplication(0.05).reordering(0.1, Duration.ofMillis(30))
                    .latency(Duration.ofMillis(5), Duration.ofMillis(10));
            link.toClient().loss(0.1).duplication(0.05).reordering(0.1, Duration.ofMillis(30))
                    .latency(Duration.ofMillis(5), Duration.ofMillis(10));
            Path config = writeConfig(link.port(), pki.caFile(), clientCert);
            Agent agent = Agent.start(ConfigLoader.load(config, Map.of(), PluginRegistry.load(getClass().getClassLoader())),
                    Ticker.system());
            List<String> sinkHealth = new CopyOnWriteArrayList<>();
            agent.health().addListener((component, previous, current) -> {
                if (component.equals("sink upstream")) {
                    sinkHealth.add(current.toString());
                }
            });
            long started = System.nanoTime();
            long lastSeq;
            String epoch;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> server.ids().size() >= 300);
                server.stop();
                await().atMost(Duration.ofSeconds(60)).until(() -> sinkHealth.stream()
                        .anyMatch(h -> h.startsWith(HealthState.DEGRADED.name()) || h.startsWith(HealthState.DOWN.name())));
                server.restart();
                int beforeRestart = distinctIds(server).size();
                await().atMost(Duration.ofSeconds(90)).until(() -> distinctIds(server).size() >= beforeRestart + 300);

                agent.sources().stopAll(Duration.ofSeconds(10));
                epoch = agent.log().epoch();
                // Until everything the log holds is at the server; a read still being appended joins the count.
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                        assertThat(distinctIds(server)).as("readings at the server").containsAll(ids(epoch, agent.log().nextSeq())));
                lastSeq = agent.log().nextSeq() - 1;
            } finally {
                agent.stop(Duration.ofSeconds(10));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            UdpProxyStats stats = link.stats();
            log.info("{} readings in {} requests ({} re-deliveries) over {}s, about {} readings/s; link: {}; handshakes: {}",
                    lastSeq + 1, server.received().size(), server.ids().size() - (lastSeq + 1), Math.round(seconds),
                    Math.round((lastSeq + 1) / seconds), stats, server.handshakes());

            Set<String> delivered = distinctIds(server);
            long highest = delivered.stream().mapToLong(id -> Long.parseLong(id.substring(id.lastIndexOf(':') + 1))).max()
                    .orElseThrow();
            assertThat(highest).isGreaterThanOrEqualTo(lastSeq);
            assertThat(delivered).as("every seq from 0 to the highest delivered, and nothing else")
                    .containsExactlyInAnyOrderElementsOf(ids(epoch, highest + 1));
            assertRedeliveriesAreTheSameReadings(server);
            assertThat(stats.toTarget().lost() + stats.toClient().lost()).as("datagrams the link lost").isPositive();
            assertThat(stats.toTarget().duplicated() + stats.toClient().duplicated()).as("datagrams duplicated").isPositive();
            assertThat(server.handshakes()).as("a new DTLS session after the server's restart").isGreaterThanOrEqualTo(2);
        }
    }

    /** The IDs of seqs {@code 0..next-1} of this log. */
    private static Set<String> ids(String epoch, long next) {
        return LongStream.range(0, next).mapToObj(seq -> "e2e:" + epoch + ":" + seq).collect(Collectors.toSet());
    }

    private static Set<String> distinctIds(RecordingCoapServer server) {
        return Set.copyOf(server.ids());
    }

    /** Every record received under one ID is the same record. */
    private static void assertRedeliveriesAreTheSameReadings(RecordingCoapServer server) {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (Received request : server.received()) {
            for (Map<String, Object> record : Payloads.records(request.payload(), request.contentFormat())) {
                record.remove("bn"); // the base name is on a pack's first record only
                Map<String, Object> earlier = byId.putIfAbsent((String) record.get("id"), record);
                if (earlier != null) {
                    assertThat(record).as("re-delivery of %s", record.get("id")).isEqualTo(earlier);
                }
            }
        }
    }

    private Path writeConfig(int port, Path ca, Issued client) throws Exception {
        String text = """
                agent:
                  id: e2e
                  data_dir: ./data
                sources:
                  boiler:
                    type: simulated
                    interval: 20ms
                    signals:
                      - {name: count, shape: counter}
                      - {name: temperature, shape: random-walk, amplitude: 5, step: 0.5, unit: Cel}
                      - {name: pressure, shape: sine, amplitude: 3, offset: 100, unit: kPa}
                sinks:
                  upstream:
                    type: coap
                    url: coaps://127.0.0.1:%d/ferry/in
                    max_readings: 20
                    nstart: 2
                    ack_timeout: 200ms
                    max_retransmit: 3
                    request_timeout: 10s
                    retry_initial: 100ms
                    retry_max: 1s
                    tls:
                      ca: %s
                      cert: %s
                      key: %s
                """.formatted(port, ca, client.certFile(), client.keyFile());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, text);
        return config;
    }
}
