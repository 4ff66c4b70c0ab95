package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configs sent by the platform through a real Mosquitto, signed with {@code ferry sign-config} by keys openssl made,
 * to an agent running as a process: a newer version is applied and reported; the same version again is stale; the
 * very same document again is a replay; a foreign signature, an expired document, one for another agent and an
 * unsigned one are refused and reported; an invalid config is refused with its errors; a restart resumes the version
 * applied; a config that cuts the control connection is rolled back when the probation ends. Readings are counted
 * by ID at both sinks throughout.
 */
class RemoteConfigTest {

    private static final String AGENT = "remote-gw";
    private static final String DESIRED = "ferry/" + AGENT + "/config/desired";
    private static final String REPORTED = "ferry/" + AGENT + "/config/reported";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private int managementPort;
    /** The agent of the test's current step, whose log a failed wait shows. */
    private AgentProcess running;

    private String config(String interval, String cloudUrl, String probation) {
        return """
                agent: {id: %s, data_dir: ./data, watch_config: false}
                management:
                  listen: "127.0.0.1:%d"
                control:
                  sink: cloud
                  trusted_keys: [./keys/operator.pub]
                  probation: %s
                sources:
                  steady: {type: simulated, interval: 5ms, signals: [{name: count, shape: counter}]}
                  changing: {type: simulated, interval: %s, signals: [{name: count, shape: counter}]}
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                  cloud: {type: mqtt, url: "%s", retry_initial: 200ms, retry_max: 1s}
                """.formatted(AGENT, managementPort, probation, interval, cloudUrl);
    }

    @Test
    void newerVersionsAreAppliedEverythingElseIsRefusedOrIgnoredAndARestartResumes() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")));
                MqttRecorder reports = MqttRecorder.on(broker.broker()).topics(REPORTED).start()) {
            managementPort = FreePorts.tcp();
            makeKeys("operator");
            makeKeys("intruder");
            Path file = Files.writeString(work.resolve("ferry.yaml"), config("5ms", broker.url(), "1m"));
            ReceivedReadings received = new ReceivedReadings(AGENT);
            String versionThree = config("3ms", broker.url(), "1m");
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", file.toString())) {
                running = agent;
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());

                String versionOne = config("4ms", broker.url(), "1m");
                Path documentOne = sign("operator", 1, versionOne, AGENT, "1d");
                publish(broker, documentOne);
                assertReport(reports, 1, "\"result\":\"applied\"", "\"version\":1", "\"running_version\":1",
                        "\"config_sha256\":\"" + sha256(versionOne) + "\"");
                Waits.logged(agent, "config reload (remote config version 1) applied: sources restarted: changing", 1);
                assertThat(get("/status")).contains("\"origin\":\"remote version 1\"");

                // Another expiry, so that this is another document of the same version: Ed25519 signs alike, and one
                // made within the same second as the first would be that very document, which is ignored unreported.
                publish(broker, sign("operator", 1, versionOne, AGENT, "2d"));
                assertReport(reports, 2, "\"result\":\"stale\"", "\"version\":1",
                        "version 1 is not newer than version 1, applied already");

                publish(broker, documentOne);
                assertReport(reports, 3, "\"result\":\"refused\"", "replayed: this very document was handled before");

                publish(broker, sign("intruder", 2, config("3ms", broker.url(), "1m"), AGENT, "1d"));
                assertReport(reports, 4, "\"result\":\"refused\"", "not that of any key in control.trusted_keys");

                Path expired = sign("operator", 2, config("3ms", broker.url(), "1m"), AGENT, "1s");
                TimeUnit.MILLISECONDS.sleep(2_100);   // the expiry is whole seconds after signing
                publish(broker, expired);
                assertReport(reports, 5, "\"result\":\"refused\"", "expired at ");

                publish(broker, sign("operator", 2, config("3ms", broker.url(), "1m"), "other-gw", "1d"));
                assertReport(reports, 6, "\"result\":\"refused\"", "meant for other-gw, not for " + AGENT);

                publish(broker, Files.writeString(work.resolve("plain.json"), "{\"version\": 2, \"config\": \"x\"}"));
                assertReport(reports, 7, "\"result\":\"refused\"", "not signed");

                publish(broker, sign("operator", 2, config("-3ms", broker.url(), "1m"), AGENT, "1d"));
                assertReport(reports, 8, "\"result\":\"refused\"", "\"version\":2", "\"running_version\":1",
                        "remote config version 2:10: sources.changing.interval: ");

                publish(broker, sign("operator", 3, versionThree, AGENT, "1d"));
                assertReport(reports, 9, "\"result\":\"applied\"", "\"version\":3");
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
                assertThat(agent.stderrText()).contains("remote config version 3: the control connection is up,"
                        + " the config stays");
            }

            try (AgentProcess agent = AgentProcess.start(work, "restarted", "run", "-c", file.toString())) {
                running = agent;
                Waits.logged(agent, "running remote config version 3, applied ", 1);
                Waits.logged(agent, "management endpoint on", 1);
                assertThat(get("/status")).contains("\"origin\":\"remote version 3\"", "\"sha256\":\"" + sha256(versionThree));
                AgentProcess.Result status = AgentProcess.run(work, "status", LIMIT, "status", "-c", file.toString());
                assertThat(status.stdout()).contains("(remote version 3)");
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
                assertThat(agent.stderrText()).as("the retained version 3 arriving again is no news")
                        .doesNotContain("stale").doesNotContain("replayed");
            }
            assertThat(reports.count()).isEqualTo(9);
            assertNothingLost(received, broker);
        }
    }

    @Test
    void aConfigThatCutsTheControlConnectionIsRolledBackWhenTheProbationEnds() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")));
                MqttRecorder reports = MqttRecorder.on(broker.broker()).topics(REPORTED).start()) {
            managementPort = FreePorts.tcp();
            makeKeys("operator");
            String fileText = config("5ms", broker.url(), "3s");
            Path file = Files.writeString(work.resolve("ferry.yaml"), fileText);
            ReceivedReadings received = new ReceivedReadings(AGENT);
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", file.toString())) {
                running = agent;
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());

                String cutOff = config("5ms", "mqtt://127.0.0.1:" + FreePorts.tcp(), "3s");
                publish(broker, sign("operator", 1, cutOff, AGENT, "1d"));
                Waits.logged(agent, "config reload (remote config version 1) applied: sinks restarted: cloud", 1);
                Waits.logged(agent, "remote config version 1: the control connection (sink cloud) was not up within 3s"
                        + " of applying it; going back to " + file, 1);
                Waits.logged(agent, "config reload (remote config rollback) applied: sinks restarted: cloud", 1);
                assertReport(reports, 1, "\"result\":\"rolled_back\"", "\"version\":1", "\"running_version\":0",
                        "\"config_sha256\":\"" + sha256(cutOff) + "\"");
                assertThat(get("/status")).contains("\"origin\":\"file\"", "\"sha256\":\"" + sha256(fileText));
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
            }
            try (AgentProcess agent = AgentProcess.start(work, "restarted", "run", "-c", file.toString())) {
                running = agent;
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
                assertThat(agent.stderrText()).as("the file is in charge after the rollback, and version 1 stays tried")
                        .doesNotContain("running remote config").doesNotContain("applied: sinks restarted");
            }
            assertNothingLost(received, broker);
        }
    }

    private void assertNothingLost(ReceivedReadings received, ProxiedBroker broker) throws IOException {
        received.update(broker.recorder());
        LoggedReadings log = LoggedReadings.read(work.resolve("data"));
        Completeness.assertDelivered(received, log, "cloud");
        FileSinkCompleteness.assertComplete(log, "files", work.resolve("out/readings.jsonl"));
    }

    /** An Ed25519 key pair made by openssl, as an operator would: {@code keys/NAME.key} and {@code keys/NAME.pub}. */
    private void makeKeys(String name) throws Exception {
        Path keys = Files.createDirectories(work.resolve("keys"));
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", keys.resolve(name + ".key").toString());
        run("openssl", "pkey", "-in", keys.resolve(name + ".key").toString(), "-pubout", "-out",
                keys.resolve(name + ".pub").toString());
    }

    private Path sign(String key, long version, String config, String agentId, String expires) throws Exception {
        Path file = Files.writeString(work.resolve("desired-" + version + ".yaml"), config);
        AgentProcess.Result signed = AgentProcess.run(work, "sign", LIMIT, "sign-config", "-k",
                work.resolve("keys/" + key + ".key").toString(), "--config-version", String.valueOf(version), "--agent", agentId,
                "--expires", expires, file.toString());
        assertThat(signed.exitCode()).as(signed.stderr()).isZero();
        return Files.writeString(Files.createTempFile(work, "document-", ".jws"), signed.stdout().strip());
    }

    /** Publishes the document retained at QoS 1 with mosquitto_pub, as a platform would. */
    private static void publish(ProxiedBroker broker, Path document) throws Exception {
        run("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.broker().port()), "-q", "1", "-r", "-t",
                DESIRED, "-f", document.toString());
    }

    private void assertReport(MqttRecorder reports, int count, String... parts) throws InterruptedException {
        List<RecordedMessage> got;
        try {
            got = reports.await(messages -> messages.size() >= count, LIMIT, count + " reports");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the agent's log:\n" + (running == null ? "" : running.stderrText()), e);
        }
        assertThat(got).as("reports").hasSize(count);
        assertThat(got.getLast().payloadText()).contains(parts).contains("\"agent\":\"" + AGENT + "\"");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
