package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles a running agent refuses, each with its reason, installing nothing and running on as it was: signed by a
 * key it does not trust, expired, older than the running version, the running version itself, unsigned. (Bundles
 * with unsafe entries, which `ferry bundle sign` does not make, are refused by the same verification in the bundle
 * module's tests.) Counted by ID at the file sink afterwards: the refusals cost no reading.
 */
class BundleRefusalTest {

    @TempDir
    static Path work;

    private static UpdateRig rig;
    private static AgentProcess agent;
    private static Path config;
    private static Path archive;

    @BeforeAll
    static void anAgentThatTakesUpdates() throws Exception {
        rig = new UpdateRig(work);
        archive = rig.archive("0.2.0", home -> { });
        rig.sign(archive, "0.2.0", "operator");   // makes the trusted key
        config = Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: refusing-gw, data_dir: ./data}
                %s
                update: {trusted_keys: [./operator.pub]}
                sources:
                  a: {type: simulated, interval: 5ms, signals: [{name: count, shape: counter}]}
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                """.formatted(rig.managementSection().strip()));
        agent = AgentProcess.start(work, "agent", "run", "-c", config.toString());
        Waits.logged(agent, "management endpoint on", 1);
    }

    @AfterAll
    static void countedByIdNothingLost() throws Exception {
        Waits.stopCleanly(agent);
        assertThat(agent.stderrText()).doesNotContain("\tat ");
        FileSinkCompleteness.assertComplete(LoggedReadings.read(work.resolve("data")), "files",
                work.resolve("out/readings.jsonl"));
        rig.stopEveryAgent();
    }

    @Test
    void signedByAKeyTheAgentDoesNotTrust() throws Exception {
        assertRefused(rig.sign(archive, "0.2.0", "stranger"), "untrusted_signature",
                "the bundle is not signed by any trusted key");
    }

    @Test
    void expired() throws Exception {
        Path bundle = rig.sign(archive, "0.2.0", "operator", "--expires", "1s");
        TimeUnit.MILLISECONDS.sleep(1_500);
        assertRefused(bundle, "expired", "expired");
    }

    @Test
    void olderThanTheRunningVersion() throws Exception {
        assertRefused(rig.sign(archive, "0.0.9", "operator"), "downgrade", "0.0.9");
    }

    @Test
    void theRunningVersionItself() throws Exception {
        assertRefused(rig.sign(archive, "0.1.0-SNAPSHOT", "operator"), "already_running", "0.1.0-SNAPSHOT");
    }

    @Test
    void unsigned() throws Exception {
        Path signed = rig.sign(archive, "0.2.0", "operator");
        Path unpacked = Files.createDirectories(work.resolve("unsigned"));
        run(List.of("tar", "xf", signed.toString(), "-C", unpacked.toString()));
        Files.writeString(unpacked.resolve("signatures"), "");
        Path bundle = work.resolve("unsigned.bundle");
        run(List.of("tar", "cf", bundle.toString(), "-C", unpacked.toString(), "manifest.json", "signatures",
                archive.getFileName().toString()));
        assertRefused(bundle, "unsigned", "not signed");
    }

    private static void assertRefused(Path bundle, String reason, String says) throws Exception {
        AgentProcess.Result update = rig.ferry("update", "--bundle", bundle.toString(), "-c", config.toString());

        assertThat(update.exitCode()).as(update.stdout() + update.stderr()).isEqualTo(1);
        assertThat(update.stderr()).contains("update failed: bundle refused (" + reason + ")").contains(says)
                .doesNotContain("\tat ");
        assertThat(work.resolve("data/update/staging")).doesNotExist();
        assertThat(work.resolve("data/versions/current")).doesNotExist();
        try (var installed = Files.list(Files.createDirectories(work.resolve("data/versions")))) {
            assertThat(installed.toList()).as("nothing installed").isEmpty();
        }
        assertThat(rig.status()).contains("\"phase\":\"failed\"").contains("\"version\":\"0.1.0-SNAPSHOT\"");
        assertThat(agent.isAlive()).isTrue();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
