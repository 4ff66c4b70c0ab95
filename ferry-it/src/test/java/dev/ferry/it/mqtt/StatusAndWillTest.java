package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retained status topic {@code ferry/<agent>/status}: {@code online} once connected; {@code offline} from the
 * broker, as the Last Will, when the agent dies with SIGKILL; {@code offline} from the agent itself on a clean stop.
 * A subscriber that comes later gets the latest of them at once, retained.
 */
class StatusAndWillTest {

    private static final String STATUS = "ferry/status-gw/status";

    @TempDir
    Path work;

    @Test
    void onlineWhileConnectedOfflineAfterAKillAndAfterACleanStop() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker"));
                MqttRecorder status = MqttRecorder.on(broker).topics(STATUS).start()) {
            Path config = AgentConfig.agent("status-gw").mqttSink("cloud", "mqtt://127.0.0.1:" + broker.port()).write(work);

            try (AgentProcess agent = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
                awaitStatuses(status, "online");
                assertThat(retainedStatus(broker)).isEqualTo("online");
                agent.kill9();
                awaitStatuses(status, "online", "offline");
            }
            assertThat(retainedStatus(broker)).isEqualTo("offline");
            assertThat(broker.log()).as("no DISCONNECT came: the broker sent the will")
                    .contains("Client status-gw closed its connection.").doesNotContain("Client status-gw disconnected.");

            try (AgentProcess agent = AgentProcess.start(work, "second", "run", "-c", config.toString())) {
                awaitStatuses(status, "online", "offline", "online");
                Waits.stopCleanly(agent);
            }
            awaitStatuses(status, "online", "offline", "online", "offline");
            assertThat(retainedStatus(broker)).isEqualTo("offline");
            assertThat(broker.log()).as("a DISCONNECT came: the agent said offline itself, the will was dropped")
                    .contains("Client status-gw disconnected.");
        }
    }

    private static void awaitStatuses(MqttRecorder status, String... expected) throws InterruptedException {
        List<RecordedMessage> got = status.await(messages -> messages.size() >= expected.length, Waits.LIMIT,
                expected.length + " status messages");
        assertThat(got.stream().map(RecordedMessage::payloadText)).containsExactly(expected);
    }

    /** What a subscriber that comes now gets first: the retained status. */
    private static String retainedStatus(MosquittoBroker broker) throws Exception {
        try (MqttRecorder late = MqttRecorder.on(broker).topics(STATUS).start()) {
            RecordedMessage first = late.awaitCount(1, Duration.ofSeconds(10)).getFirst();
            assertThat(first.retained()).as("%s delivered as retained", first).isTrue();
            return first.payloadText();
        }
    }
}
