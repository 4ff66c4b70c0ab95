package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.coap.CoapDeviceFleet;
import dev.ferry.it.update.TestDistributions;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-update between two builds, end to end: an agent installed from a distribution of version 1.0.0, started by
 * its launcher, collecting 1,000 readings a second into a file sink and an MQTT sink while four CoAP devices push to
 * its ingress, is handed a signed bundle of
 * another build with {@code ferry update}; it verifies and installs it beside itself, starts it, hands the data
 * directory over, and the new version commits once ready. Counted by ID at both sinks: nothing lost; no device
 * refused, none needing more than one retransmission. A bundle
 * changed after signing is refused with nothing installed; a version that never becomes ready is rolled back
 * automatically, and one killed on probation is replaced by the old version, which takes the data directory back.
 */
class SelfUpdateTest {

    private static final String AGENT = "update-gw";
    private static final Pattern GAP = Pattern.compile("collection gap (\\d+) ms");

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
    void aRunningAgentIsUpdatedToAnotherBuildAndNoReadingIsLost() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path installed = TestDistributions.layOut(work.resolve("installed"), "1.0.0");
            Path bundle = rig.signedBundle("1.1.0", home -> { });
            int coapPort = FreePorts.udp();
            Path config = writeConfig("\"" + broker.url() + "\"", "60s", """
                      devices:
                        type: coap
                        listen: 127.0.0.1
                        insecure: {port: %d, tenant: lab}
                        rate_limit: {rate: 100000, burst: 100000}
                    """.formatted(coapPort));
            ReceivedReadings received = new ReceivedReadings(AGENT);
            Path log = work.resolve("agent.err");
            Process first = rig.startByLauncher(installed, config);
            UpdateRig.awaitLogged(log, "CoAP ingress listening on", 1);
            CoapDeviceFleet devices = CoapDeviceFleet.start(coapPort, 4, work.resolve("devices"));
            AgentProcess.Result update;
            ProcessHandle newVersion;
            try {
                devices.awaitMore(10, first::isAlive, () -> text(log));
                await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).distinct() >= 3_000);

                update = rig.ferry("update", "--bundle", bundle.toString(), "-c", config.toString());

                assertThat(update.exitCode()).as(update.stdout() + update.stderr() + text(log)).isZero();
                newVersion = UpdateRig.tookOver(text(log), 1);
                devices.awaitMore(10, newVersion::isAlive, () -> text(log));
            } finally {
                devices.stop();
            }
            assertThat(update.stdout()).contains("updated: version 1.1.0 runs and is committed");
            assertThat(first.waitFor(Waits.LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isZero();
            assertThat(rig.status()).contains("\"version\":\"1.1.0\"").contains("\"phase\":\"committed\"");
            assertThat(Files.readSymbolicLink(work.resolve("data/versions/current"))).isEqualTo(Path.of("1.1.0"));
            assertThat(rig.ferry("status", "-c", config.toString()).stdout()).contains("version 1.1.0")
                    .contains("update committed 1.1.0 (from 1.0.0)");
            devices.awaitInFile(work.resolve("out/readings.jsonl"));
            Instant mark = Instant.now();
            await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).caughtUpWith(mark));
            UpdateRig.stop(newVersion);

            String text = text(log);
            assertThat(text).doesNotContain("\tat ").contains("update: version 1.1.0 verified")
                    .contains("update: version 1.1.0 is ready and committed");
            String seenByDevices = devices.assertNothingLostNoneRefused(work.resolve("out/readings.jsonl"));
            received.update(broker.recorder());
            LoggedReadings logged = LoggedReadings.read(work.resolve("data"));
            long delivered = Completeness.assertDelivered(received, logged, "cloud");
            FileSinkCompleteness.assertComplete(logged, "files", work.resolve("out/readings.jsonl"));
            Matcher gap = GAP.matcher(text);
            assertThat(gap.find()).as(text).isTrue();
            System.out.printf("update 1.0.0 -> 1.1.0: collection gap %s ms; %d readings delivered across it;"
                    + " CoAP devices: %s%n", gap.group(1), delivered, seenByDevices);
        }
    }

    @Test
    void aChangedBundleIsRefusedAndAVersionThatNeverBecomesReadyIsRolledBack() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            // each version's launcher names the broker: the new one a port where nothing listens, so it never is ready
            Path installed = TestDistributions.layOut(work.resolve("installed"), "1.0.0");
            TestDistributions.addToLauncher(installed, "export FERRY_TEST_BROKER=" + broker.url());
            Path bundle = rig.signedBundle("1.2.0", home -> TestDistributions.addToLauncher(home,
                    "export FERRY_TEST_BROKER=mqtt://127.0.0.1:" + FreePorts.tcp()));
            Path config = writeConfig("\"${FERRY_TEST_BROKER}\"", "5s");
            ReceivedReadings received = new ReceivedReadings(AGENT);
            Path log = work.resolve("agent.err");
            rig.startByLauncher(installed, config);
            UpdateRig.awaitLogged(log, "management endpoint on", 1);
            await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).distinct() >= 1_000);

            Path changed = Files.copy(bundle, work.resolve("changed.bundle"));
            try (RandomAccessFile file = new RandomAccessFile(changed.toFile(), "rw")) {
                file.seek(file.length() - 4_000);   // inside the distribution archive
                int b = file.read();
                file.seek(file.length() - 4_000);
                file.write(b ^ 0x5a);
            }
            AgentProcess.Result refused = rig.ferry("update", "--bundle", changed.toString(), "-c", config.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("update failed: bundle refused (hash_mismatch)").doesNotContain("\tat ");
            assertThat(work.resolve("data/versions/1.2.0")).doesNotExist();
            assertThat(work.resolve("data/update/staging")).doesNotExist();

            AgentProcess.Result update = rig.ferry("update", "--bundle", bundle.toString(), "-c", config.toString());

            assertThat(update.exitCode()).as(update.stdout() + update.stderr()).isEqualTo(1);
            assertThat(update.stderr()).contains("update rolled back: version 1.2.0 did not become ready within 5s");
            UpdateRig.awaitLogged(log, "took over the data directory", 2);
            await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"version\":\"1.0.0\""));
            assertThat(rig.status()).contains("\"phase\":\"rolled_back\"").contains("\"rolled_back\":[\"1.2.0\"]");
            assertThat(work.resolve("data/versions/current")).doesNotExist();

            AgentProcess.Result again = rig.ferry("update", "--bundle", bundle.toString(), "-c", config.toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).contains("version 1.2.0 was rolled back before");

            Instant mark = Instant.now();
            await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).caughtUpWith(mark));
            UpdateRig.stop(UpdateRig.tookOver(Files.readString(log), 2));
            assertThat(Files.readString(log)).doesNotContain("\tat ");
            received.update(broker.recorder());
            LoggedReadings logged = LoggedReadings.read(work.resolve("data"));
            Completeness.assertDelivered(received, logged, "cloud");
            FileSinkCompleteness.assertComplete(logged, "files", work.resolve("out/readings.jsonl"));
        }
    }

    private static String text(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Path writeConfig(String brokerUrl, String probation) throws IOException {
        return writeConfig(brokerUrl, probation, "");
    }

    private Path writeConfig(String brokerUrl, String probation, String moreSources) throws IOException {
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: %s, data_dir: ./data}
                %s
                update: {trusted_keys: [./operator.pub], probation: %s}
                sources:
                  a: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                  b: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                  c: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                  d: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                %s\
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                  cloud: {type: mqtt, url: %s, retry_initial: 200ms, retry_max: 1s}
                """.formatted(AGENT, rig.managementSection().strip(), probation, moreSources, brokerUrl));
    }
}
