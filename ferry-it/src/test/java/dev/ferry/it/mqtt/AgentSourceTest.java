package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import dev.ferry.testkit.serial.PtyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code agent} source: the agent's own figures and its components' health changes reach a real Mosquitto
 * through the MQTT sink like field data, with IDs. The serial device's adapter is unplugged and plugged back, and
 * the platform hears the source go DEGRADED, with the reason, and come back UP.
 */
class AgentSourceTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void figuresAndHealthChangesArriveAtTheBroker() throws Exception {
        try (PtyPair device = PtyPair.start(work);
                MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker"));
                MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/#").qos(1).start()) {
            Path config = Files.writeString(work.resolve("ferry.yaml"), """
                    agent: {id: self-gw, data_dir: ./data}
                    management: {enabled: false}
                    sources:
                      ferry: {type: agent, interval: 500ms}
                      room:
                        type: serial
                        port: %s
                        baud: 9600
                        fields:
                          - {key: T, metric: temperature, unit: Cel}
                    sinks:
                      cloud: {type: mqtt, url: "mqtt://127.0.0.1:%d", retry_initial: 200ms, retry_max: 1s}
                    """.formatted(device.device(), broker.port()));
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                device.write("T=21.5\n");
                await().atMost(LIMIT).until(() -> !on(recorder, "ferry/self-gw/ferry/sink_lag").isEmpty() || !agent.isAlive());
                assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();
                RecordedMessage lag = on(recorder, "ferry/self-gw/ferry/sink_lag").getFirst();
                assertThat(lag.payloadText()).contains("\"id\":\"self-gw:", "\"tags\":{\"sink\":\"cloud\"}");
                await().atMost(LIMIT).until(() -> on(recorder, "ferry/self-gw/ferry/source_readings").stream()
                        .anyMatch(m -> m.payloadText().contains("\"source\":\"room\"") && m.payloadText().contains("\"value\":1,")));

                device.unplug();
                await().atMost(LIMIT).until(() -> health(recorder, "DEGRADED"));
                device.plug();
                device.write("T=21.6\n");
                await().atMost(LIMIT).until(() -> health(recorder, "UP") && upAfterDegraded(recorder));
                assertThat(agent.terminate(LIMIT)).isZero();
            }
        }
    }

    private static List<RecordedMessage> on(MqttRecorder recorder, String topic) {
        return recorder.messages().stream().filter(m -> m.topic().equals(topic)).toList();
    }

    /** A health reading about the serial source in {@code state}, with the reason of a DEGRADED one. */
    private static boolean health(MqttRecorder recorder, String state) {
        return on(recorder, "ferry/self-gw/ferry/health").stream().map(RecordedMessage::payloadText)
                .anyMatch(json -> json.contains("\"value\":\"" + state + "\"") && json.contains("\"component\":\"source room\"")
                        && (!state.equals("DEGRADED") || json.contains("\"reason\":\"") && !json.contains("\"reason\":\"\"")));
    }

    private static boolean upAfterDegraded(MqttRecorder recorder) {
        List<String> states = on(recorder, "ferry/self-gw/ferry/health").stream().map(RecordedMessage::payloadText)
                .filter(json -> json.contains("\"component\":\"source room\"")).toList();
        int degraded = -1;
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).contains("\"value\":\"DEGRADED\"")) {
                degraded = i;
            } else if (degraded >= 0 && states.get(i).contains("\"value\":\"UP\"")) {
                return true;
            }
        }
        return false;
    }
}
