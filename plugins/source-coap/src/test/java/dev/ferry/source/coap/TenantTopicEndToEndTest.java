package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant as the topic prefix upstream: an agent with this source and the MQTT sink (topic
 * {@code t/{tag:tenant}/{source}/{metric}}) publishing to a real Mosquitto. acme's readings arrive under
 * {@code t/acme/} only, globex's under {@code t/globex/} only, and globex's attempt to publish as acme never arrives.
 */
class TenantTopicEndToEndTest {

    private static final int SENML_JSON = 110;

    @TempDir
    Path dir;

    @Test
    void eachTenantsReadingsArriveUnderItsOwnTopicPrefixOnly() throws Exception {
        TestPki pki = TestPki.create(dir);
        Issued gateway = pki.server("localhost");
        Issued acme = pki.client("acme-sensor").tenant("acme").issue();
        Issued globex = pki.client("globex-sensor").tenant("globex").issue();
        int port = FreePorts.udp();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             MqttRecorder recorder = MqttRecorder.on(broker).topics("t/#").start()) {
            Agent agent = Agents.start(dir, """
                    agent:
                      id: gw-tenants
                      data_dir: ./data
                    sources:
                      devices:
                        type: coap
                        listen: 127.0.0.1
                        port: %d
                        tls:
                          ca: %s
                          cert: %s
                          key: %s
                    sinks:
                      cloud:
                        type: mqtt
                        url: mqtt://127.0.0.1:%d
                        topic: "t/{tag:tenant}/{source}/{metric}"
                        qos: 1
                        status_topic: ""
                    """.formatted(port, pki.caFile(), gateway.certFile(), gateway.keyFile(), broker.port()));
            String uri = "coaps://127.0.0.1:" + port + "/readings";
            try (CfDevice a = CfDevice.certificate(acme, pki.caFile()); CfDevice g = CfDevice.certificate(globex, pki.caFile())) {
                assertThat(a.post(uri, SENML_JSON, "[{\"n\":\"temperature\",\"v\":21},{\"n\":\"humidity\",\"v\":40}]").code())
                        .isEqualTo("2.04");
                assertThat(g.post(uri, SENML_JSON, "[{\"n\":\"temperature\",\"v\":7}]").code()).isEqualTo("2.04");
                assertThat(g.post(uri, SENML_JSON, "[{\"n\":\"temperature\",\"v\":-99,\"tags\":{\"tenant\":\"acme\"}}]")
                        .code()).as("globex posing as acme").isEqualTo("4.03");
                assertThat(g.post(uri, SENML_JSON, "[{\"bn\":\"urn:tenant:acme:\",\"n\":\"temperature\",\"v\":-98}]")
                        .code()).as("globex naming acme").isEqualTo("4.03");
                // Sent last: the sink publishes in log order, so once it arrives everything stored before it has.
                assertThat(a.post(uri, SENML_JSON, "[{\"n\":\"last\",\"v\":1}]").code()).isEqualTo("2.04");
            }
            List<RecordedMessage> messages;
            try {
                messages = recorder.await(list -> list.stream().anyMatch(m -> m.topic().endsWith("/last")),
                        Duration.ofSeconds(30), "the last reading");
            } finally {
                agent.stop(Duration.ofSeconds(10));
            }

            assertThat(messages).extracting(RecordedMessage::topic).containsExactlyInAnyOrder(
                    "t/acme/devices/temperature", "t/acme/devices/humidity", "t/globex/devices/temperature",
                    "t/acme/devices/last");
            assertThat(messages).allSatisfy(m -> {
                String tenant = m.topic().split("/")[1];
                assertThat(m.payloadText()).contains("\"tenant\":\"" + tenant + "\"")
                        .contains("\"device\":\"" + tenant + "-sensor\"")
                        .doesNotContain("-99").doesNotContain("-98");
            });
        }
    }
}
