package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update the platform asks for over MQTT: a command signed with {@code ferry sign-update}, published retained on
 * the agent's update topic of a real Mosquitto, makes the agent download the bundle from a real nginx (mutual TLS, a
 * bearer token), switch to it and commit; the update's state is published on the update reported topic, by the new
 * version too, which does not act on the retained command again. A stale command and one signed by an unknown key are
 * refused and reported. Readings are counted by ID at the MQTT and the file sink.
 */
class UpdateCommandTest {

    private static final String AGENT = "command-gw";
    private static final String DESIRED = "ferry/" + AGENT + "/update/desired";
    private static final String REPORTED = "ferry/" + AGENT + "/update/reported";

    @TempDir
    Path work;

    private UpdateRig rig;

    @BeforeEach
    void rig() throws IOException {
        rig = new UpdateRig(work);
    }

    @AfterEach
    void stopEveryAgentOfThisTest() {
        rig.stopEveryAgent();
    }

    @Test
    void aSignedCommandOnTheUpdateTopicUpdatesTheAgentAndItsStateIsPublished() throws Exception {
        Path bundle = rig.signedBundle("0.2.0", home -> { });
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")));
                MqttRecorder reports = MqttRecorder.on(broker.broker()).topics(REPORTED).start();
                UpdateServer updates = UpdateServer.serving(work, bundle)) {
            Path config = Files.writeString(work.resolve("ferry.yaml"), """
                    agent: {id: %s, data_dir: ./data}
                    %s
                    control: {sink: cloud, trusted_keys: [./operator.pub]}
                    %s
                    sources:
                      a: {type: simulated, interval: 2ms, signals: [{name: count, shape: counter}]}
                    sinks:
                      files: {type: file, path: ./out/readings.jsonl}
                      cloud: {type: mqtt, url: "%s", retry_initial: 200ms, retry_max: 1s}
                    """.formatted(AGENT, rig.managementSection().strip(), updates.updateSection().strip(),
                    broker.url()));
            ReceivedReadings received = new ReceivedReadings(AGENT);
            AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString());
            Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
            String url = updates.url();

            publish(broker, sign("operator", 1, url));

            List<RecordedMessage> committed;
            try {
                committed = reports.await(messages -> messages.stream().anyMatch(message ->
                        message.payloadText().contains("\"running_version\":\"0.2.0\"")
                                && message.payloadText().contains("\"phase\":\"committed\"")),
                        UpdateRig.UPDATE_LIMIT, "the new version's report of its commit");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nthe agents' log:\n" + agent.stderrText(), e);
            }
            assertThat(committed).anySatisfy(message -> assertThat(message.payloadText())
                    .contains("\"phase\":\"downloading\"").contains("\"command_outcome\":\"accepted: installing"));
            assertThat(rig.status()).contains("\"version\":\"0.2.0\"");

            rig.ferry("bundle", "keygen", "--out", "stranger");
            publish(broker, sign("stranger", 2, url));
            awaitReport(reports, "\"command_outcome\":\"refused: the signature is not that of any key");
            publish(broker, sign("operator", 1, url));
            awaitReport(reports, "\"command_outcome\":\"stale: command 1 is not newer than command 1");

            Instant mark = Instant.now();
            await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).caughtUpWith(mark));
            String log = agent.stderrText();
            assertThat(log).doesNotContain("\tat ").doesNotContain(UpdateServer.TOKEN)
                    .containsOnlyOnce("update: installing");
            ProcessHandle newVersion = UpdateRig.tookOver(log, 1);
            newVersion.destroy();
            newVersion.onExit().get(Waits.LIMIT.toSeconds(), TimeUnit.SECONDS);
            received.update(broker.recorder());
            LoggedReadings logged = LoggedReadings.read(work.resolve("data"));
            Completeness.assertDelivered(received, logged, "cloud");
            FileSinkCompleteness.assertComplete(logged, "files", work.resolve("out/readings.jsonl"));
        }
    }

    private Path sign(String key, long version, String url) throws Exception {
        AgentProcess.Result signed = rig.ferry("sign-update", "-k", key + ".key", "--command-version",
                String.valueOf(version), "--agent", AGENT, "--bundle", url);
        assertThat(signed.exitCode()).as(signed.stderr()).isZero();
        return Files.writeString(Files.createTempFile(work, "command-", ".jws"), signed.stdout().strip());
    }

    private static void publish(ProxiedBroker broker, Path command) throws Exception {
        Process process = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p",
                String.valueOf(broker.broker().port()), "-q", "1", "-r", "-t", DESIRED, "-f", command.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static void awaitReport(MqttRecorder reports, String part) throws InterruptedException {
        reports.await(messages -> messages.stream().anyMatch(message -> message.payloadText().contains(part)),
                Waits.LIMIT, part);
    }
}
