package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.management.Endpoint;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.serial.PtyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics against ground truth: a serial device (a pseudo-terminal pair) sends a known number of frames, the
 * agent sends them to a real Mosquitto, and the produced, appended and acknowledged counters equal the readings a
 * subscriber counted by ID. While Mosquitto is stopped, the lag and the oldest unsent reading's age grow and
 * readiness turns 503 naming the sink; once it is back they fall to zero and readiness is 200 again.
 */
class MetricsGroundTruthTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private Endpoint endpoint;

    @Test
    void countersEqualWhatArrivedAndLagFollowsAnOutage() throws Exception {
        int port = FreePorts.tcp();
        endpoint = new Endpoint(port);
        try (PtyPair device = PtyPair.start(work);
                MosquittoBroker broker = MosquittoBroker.builder(work.resolve("broker")).persistence(true)
                        .maxQueuedMessages(100_000).start();
                MqttRecorder recorder = recorder(broker)) {
            Path config = Files.writeString(work.resolve("ferry.yaml"), """
                    agent: {id: truth-gw, data_dir: ./data}
                    management: {listen: "127.0.0.1:%d"}
                    sources:
                      room:
                        type: serial
                        port: %s
                        baud: 9600
                        fields:
                          - {key: N, metric: frame, type: integer}
                          - {key: T, metric: temperature, unit: Cel}
                    sinks:
                      cloud: {type: mqtt, url: "mqtt://127.0.0.1:%d", retry_initial: 200ms, retry_max: 1s}
                    """.formatted(port, device.device(), broker.port()));
            ReceivedReadings received = new ReceivedReadings("truth-gw");
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                await().atMost(LIMIT).until(() -> endpoint.status("/ready") == 200 || !agent.isAlive());
                assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();

                send(device, 1, 100);
                await().atMost(LIMIT).until(() -> received.update(recorder).distinct() == 200);
                await().atMost(LIMIT).until(() -> endpoint.metric("ferry_sink_acknowledged_readings_total{sink=\"cloud\"}") == 200);
                assertThat(endpoint.metric("ferry_source_readings_total{source=\"room\"}")).isEqualTo(200);
                assertThat(endpoint.metric("ferry_log_appended_readings_total")).isEqualTo(200);
                assertThat(endpoint.metric("ferry_sink_lag_readings{sink=\"cloud\"}")).isZero();
                assertThat(endpoint.metric("ferry_sink_oldest_unsent_age_seconds{sink=\"cloud\"}")).isZero();
                assertThat(endpoint.metric("ferry_sink_mqtt_in_flight_window{sink=\"cloud\"}")).as("the plugin's own gauge").isPositive();

                broker.stop();
                send(device, 101, 150);
                await().atMost(LIMIT).until(() -> endpoint.metric("ferry_sink_lag_readings{sink=\"cloud\"}") == 100);
                await().atMost(LIMIT).until(() -> endpoint.status("/ready") == 503);
                assertThat(endpoint.get("/ready").body()).contains("\"sink cloud\":{\"state\":");
                double age = endpoint.metric("ferry_sink_oldest_unsent_age_seconds{sink=\"cloud\"}");
                await().atMost(LIMIT).until(() -> endpoint.metric("ferry_sink_oldest_unsent_age_seconds{sink=\"cloud\"}") > age);
                assertThat(endpoint.metric("ferry_source_readings_total{source=\"room\"}")).isEqualTo(300);
                assertThat(endpoint.metric("ferry_sink_mqtt_in_flight_window{sink=\"cloud\"}")).isZero();
                assertThat(endpoint.metric("ferry_sink_send_failures_total{sink=\"cloud\"}") + endpoint.metric("ferry_sink_connects_total{sink=\"cloud\"}"))
                        .isGreaterThan(1);

                broker.restart();
                await().atMost(LIMIT).until(() -> endpoint.metric("ferry_sink_lag_readings{sink=\"cloud\"}") == 0);
                await().atMost(LIMIT).until(() -> endpoint.status("/ready") == 200);
                assertThat(endpoint.metric("ferry_sink_oldest_unsent_age_seconds{sink=\"cloud\"}")).isZero();
                assertThat(endpoint.metric("ferry_sink_acknowledged_readings_total{sink=\"cloud\"}")).isGreaterThanOrEqualTo(300);
                await().atMost(LIMIT).until(() -> received.update(recorder).distinct() == 300);
                assertThat(received.conflicts()).isEmpty();
                assertThat(agent.terminate(LIMIT)).isZero();
            }
        }
    }

    /** One persistent session across the broker's restart, so what is published meanwhile waits for it. */
    private static MqttRecorder recorder(MosquittoBroker broker) throws Exception {
        return MqttRecorder.on(broker).topics("ferry/#").qos(1).clientId("truth-recorder").persistentSession().start();
    }

    private static void send(PtyPair device, int first, int last) {
        StringBuilder frames = new StringBuilder();
        for (int n = first; n <= last; n++) {
            frames.append("N=").append(n).append(",T=").append(15 + n % 10).append(".25\n");
        }
        device.write(frames.toString());
    }
}
