package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.LoadedClasses;
import dev.ferry.it.update.TestDistributions;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FaultProxy;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The self-update when things go wrong: the agent SIGKILLed in the middle of each phase recovers to a consistent
 * state when it starts again; a download cut by the kill resumes with an HTTP Range request to a real nginx (mutual
 * TLS, a bearer token) and the update then goes through; a new version SIGKILLed on probation is replaced by the old
 * one, which takes the data directory back. Readings are counted by ID at the file sink across all of it.
 */
class SelfUpdateRecoveryTest {

    private static final String AGENT = "recovery-gw";
    private static final List<String> UPDATE_PACKAGES = List.of("dev.ferry.update.", "dev.ferry.agent.update.",
            "org.apache.commons.compress.");

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
    void aDownloadCutByAKillResumesWhereItStoppedAndTheUpdateGoesThrough() throws Exception {
        Path bundle = rig.signedBundle("0.2.0", home -> { });
        try (UpdateServer updates = UpdateServer.serving(work, bundle);
                FaultProxy proxy = FaultProxy.start(updates.nginx().address())) {
            proxy.toClient().bandwidth(Files.size(bundle) / 20);   // a download of about 20 s, cut early
            String url = "https://127.0.0.1:" + proxy.port() + "/" + bundle.getFileName();
            Path config = writeConfig(updates.updateSection());
            AgentProcess first = AgentProcess.start(work, "first", "run", "-c", config.toString());
            Waits.logged(first, "management endpoint on", 1);
            assertThat(rig.ferry("update", "--url", url, "--no-wait", "-c", config.toString()).exitCode()).isZero();
            await().atMost(Waits.LIMIT).until(() -> downloaded() > 1_000_000);

            first.kill9();
            long kept = downloaded();
            assertThat(kept).isLessThan(Files.size(bundle));

            AgentProcess second = AgentProcess.start(work, "second", "run", "-c", config.toString());
            Waits.logged(second, "management endpoint on", 1);
            await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"phase\":\"failed\""));
            assertThat(rig.status()).contains("restarted while the update was downloading");
            proxy.clearFaults();

            AgentProcess.Result update = rig.ferry("update", "--url", url, "-c", config.toString());

            assertThat(update.exitCode()).as(update.stdout() + update.stderr() + second.stderrText()).isZero();
            assertThat(updates.nginx().requests()).anySatisfy(request -> {
                assertThat(request.range()).isEqualTo("bytes=" + kept + "-");
                assertThat(request.status()).isEqualTo(206);
                assertThat(request.bodyBytes()).isEqualTo(Files.size(bundle) - kept);
            });
            assertThat(second.stderrText()).doesNotContain("\tat ").doesNotContain(UpdateServer.TOKEN);
            assertThat(work.resolve("data/update/download")).doesNotExist();
            UpdateRig.stop(UpdateRig.tookOver(second.stderrText(), 1));
            FileSinkCompleteness.assertComplete(LoggedReadings.read(work.resolve("data")), "files",
                    work.resolve("out/readings.jsonl"));
        }
    }

    @Test
    void anAgentKilledWhileVerifyingFindsTheUpdateFailedAndNothingInstalled() throws Exception {
        Path bundle = rig.signedBundle("0.2.0", home -> { });
        Path config = writeConfig("update: {trusted_keys: [./operator.pub]}\n");
        AgentProcess first = AgentProcess.start(work, "first", "run", "-c", config.toString());
        Waits.logged(first, "management endpoint on", 1);
        assertThat(rig.ferry("update", "--bundle", bundle.toString(), "--no-wait", "-c", config.toString()).exitCode()).isZero();
        await().atMost(Waits.LIMIT).pollInterval(java.time.Duration.ofMillis(2)).until(() -> phaseOnDisk().equals("verifying"));

        first.kill9();

        AgentProcess second = AgentProcess.start(work, "second", "run", "-c", config.toString());
        Waits.logged(second, "management endpoint on", 1);
        await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"phase\":\"failed\""));
        assertThat(rig.status()).contains("restarted while the update was verifying");
        assertThat(work.resolve("data/update/staging")).doesNotExist();
        assertThat(work.resolve("data/versions/current")).doesNotExist();
        Waits.stopCleanly(second);
        FileSinkCompleteness.assertComplete(LoggedReadings.read(work.resolve("data")), "files",
                work.resolve("out/readings.jsonl"));
    }

    /**
     * The state each phase leaves on disk when the agent is killed in it, the version it was replacing starting again:
     * before the version is installed the update is failed and the staging folder removed; installed and staged, it
     * waits for a switch still; from the switch on, the link goes back and the update is rolled back.
     */
    @ParameterizedTest
    @ValueSource(strings = {"downloading", "verifying", "staged", "switching", "probation"})
    void anAgentStartedAgainAfterAKillInEachPhaseSettlesTheUpdate(String phase) throws Exception {
        Path config = writeConfig("update: {trusted_keys: [./operator.pub]}\n");
        Files.writeString(work.resolve("operator.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n");
        AgentProcess killed = AgentProcess.start(work, "killed", "run", "-c", config.toString());
        Waits.logged(killed, "management endpoint on", 1);
        killed.kill9();
        Path versions = Files.createDirectories(work.resolve("data/versions"));
        boolean installed = !phase.equals("downloading") && !phase.equals("verifying");
        boolean switched = phase.equals("switching") || phase.equals("probation");
        Files.createDirectories(work.resolve(installed ? "data/versions/9.9.9/ferry-9.9.9/bin" : "data/update/staging/ferry-9.9.9"));
        if (switched) {
            Files.createSymbolicLink(versions.resolve("current"), Path.of("9.9.9"));
            Files.writeString(versions.resolve(".probation"), "");
        }
        Files.createDirectories(work.resolve("data/update"));
        Files.writeString(work.resolve("data/update/state.json"), """
                {"phase":"%s","target":"9.9.9","previous":"0.1.0-SNAPSHOT","previous_home":"%s",\
                "since":"2026-12-07T10:00:00Z","reason":null,"rolled_back":[]}
                """.formatted(phase, work));

        AgentProcess again = AgentProcess.start(work, "again", "run", "-c", config.toString());

        Waits.logged(again, "management endpoint on", 1);
        String settled = switched ? "rolled_back" : installed ? "staged" : "failed";
        await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"phase\":\"" + settled + "\""));
        assertThat(phaseOnDisk()).isEqualTo(settled);
        assertThat(work.resolve("data/update/staging")).doesNotExist();
        assertThat(versions.resolve("current")).doesNotExist();
        assertThat(versions.resolve(".probation")).doesNotExist();
        if (switched) {
            assertThat(rig.status()).contains("\"rolled_back\":[\"9.9.9\"]")
                    .contains("the agent restarted on 0.1.0-SNAPSHOT while " + phase + " to 9.9.9");
        }
        if (installed && !switched) {
            assertThat(versions.resolve("9.9.9")).isDirectory();
        }
        Waits.stopCleanly(again);
    }

    @Test
    void aNewVersionKilledOnProbationIsReplacedByTheOldOneWhichTakesTheDataDirectoryBack() throws Exception {
        Path installed = TestDistributions.layOut(work.resolve("installed"), "1.0.0");
        Path bundle = rig.signedBundle("1.1.0", home -> { });
        // a sink whose broker is not there: neither version is ready, so the new one stays on probation
        Path config = writeConfig("""
                update: {trusted_keys: [./operator.pub], probation: 5m}
                """, "  cloud: {type: mqtt, url: \"mqtt://127.0.0.1:" + FreePorts.tcp() + "\", retry_max: 1s}\n");
        Path log = work.resolve("agent.err");
        Process first = rig.startByLauncher(installed, config);
        UpdateRig.awaitLogged(log, "management endpoint on", 1);
        assertThat(rig.ferry("update", "--bundle", bundle.toString(), "--no-wait", "-c", config.toString()).exitCode()).isZero();
        UpdateRig.awaitLogged(log, "update: version 1.1.0 is on probation", 1);
        ProcessHandle newVersion = UpdateRig.tookOver(Files.readString(log), 1);

        newVersion.destroyForcibly();

        UpdateRig.awaitLogged(log, "took over the data directory", 2);
        await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"version\":\"1.0.0\""));
        assertThat(rig.status()).contains("\"phase\":\"rolled_back\"").contains("version 1.1.0 ended during its probation");
        assertThat(work.resolve("data/versions/current")).doesNotExist();
        assertThat(first.waitFor(Waits.LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .as("the old process handed over again and ended").isTrue();
        assertThat(first.exitValue()).isZero();
        UpdateRig.stop(UpdateRig.tookOver(Files.readString(log), 2));
        assertThat(Files.readString(log)).doesNotContain("\tat ");
        FileSinkCompleteness.assertComplete(LoggedReadings.read(work.resolve("data")), "files",
                work.resolve("out/readings.jsonl"));
    }

    @Test
    void aVersionStagedSurvivesARestartAndSigusr2SwitchesToIt() throws Exception {
        Path installed = TestDistributions.layOut(work.resolve("installed"), "1.0.0");
        Path bundle = rig.signedBundle("1.1.0", home -> { });
        Path config = writeConfig("update: {trusted_keys: [./operator.pub]}\n");
        Path log = work.resolve("agent.err");
        Process first = rig.startByLauncher(installed, config);
        UpdateRig.awaitLogged(log, "management endpoint on", 1);

        AgentProcess.Result staged = rig.ferry("update", "--bundle", bundle.toString(), "--stage", "-c", config.toString());

        assertThat(staged.exitCode()).as(staged.stdout() + staged.stderr()).isZero();
        assertThat(staged.stdout()).contains("staged: version 1.1.0 is installed beside the running one");
        assertThat(work.resolve("data/versions/1.1.0")).isDirectory();
        assertThat(work.resolve("data/versions/current")).doesNotExist();
        // the update's code and libraries are loaded apart and dropped once it ends, as start-up code is
        await().atMost(Waits.LIMIT).until(() -> UPDATE_PACKAGES.stream().noneMatch(LoadedClasses.of(first.pid())::contains));
        assertThat(LoadedClasses.of(first.pid())).contains("dev.ferry.agent.AgentUpdates");
        first.destroy();
        assertThat(first.waitFor(Waits.LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Process again = rig.startByLauncher(installed, config);
        UpdateRig.awaitLogged(log, "management endpoint on", 1);
        await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"phase\":\"staged\""));
        assertThat(rig.status()).contains("\"version\":\"1.0.0\"");

        new ProcessBuilder("kill", "-USR2", Long.toString(again.pid())).inheritIO().start().waitFor();

        UpdateRig.awaitLogged(log, "update: version 1.1.0 is ready and committed", 1);
        await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"version\":\"1.1.0\""));
        assertThat(again.waitFor(Waits.LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).contains("SIGUSR2: switching to the staged version 1.1.0").doesNotContain("\tat ");
        UpdateRig.stop(UpdateRig.tookOver(Files.readString(log), 1));
        FileSinkCompleteness.assertComplete(LoggedReadings.read(work.resolve("data")), "files",
                work.resolve("out/readings.jsonl"));
    }

    /**
     * The installed launcher, as the service starts it: it runs the version committed last; and after a crash that
     * took both processes down during a probation (systemd stops the whole service when its main process dies), it
     * starts the version before, which settles the update as rolled back.
     */
    @Test
    void theLauncherRunsTheCommittedVersionAndAfterACrashOnProbationTheOneBefore() throws Exception {
        Path installed = TestDistributions.layOut(work.resolve("installed"), "1.0.0");
        Path committed = rig.signedBundle("1.1.0", home -> { });
        Path tried = rig.signedBundle("1.2.0", home -> { });
        Path config = writeConfig("update: {trusted_keys: [./operator.pub], probation: 5m}\n");
        Path log = work.resolve("agent.err");
        rig.startByLauncher(installed, config);
        UpdateRig.awaitLogged(log, "management endpoint on", 1);
        AgentProcess.Result first = rig.ferry("update", "--bundle", committed.toString(), "-c", config.toString());
        assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
        UpdateRig.stop(UpdateRig.tookOver(Files.readString(log), 1));

        rig.startByLauncher(installed, config);
        UpdateRig.awaitLogged(log, "management endpoint on", 1);
        assertThat(rig.status()).as("the launcher follows current").contains("\"version\":\"1.1.0\"");

        // a sink whose broker is not there: 1.2.0 never becomes ready and stays on probation
        Files.writeString(config, Files.readString(config) + "  cloud: {type: mqtt, url: \"mqtt://127.0.0.1:"
                + FreePorts.tcp() + "\", retry_max: 1s}\n");
        UpdateRig.awaitLogged(log, "sink cloud: DOWN", 1);
        assertThat(rig.ferry("update", "--bundle", tried.toString(), "--no-wait", "-c", config.toString()).exitCode())
                .isZero();
        UpdateRig.awaitLogged(log, "update: version 1.2.0 is on probation", 1);
        rig.stopEveryAgent();   // the crash: the new version and the old process waiting beside it, both gone

        rig.startByLauncher(installed, config);

        UpdateRig.awaitLogged(log, "management endpoint on", 1);
        assertThat(Files.readString(log)).contains("the version on probation ended before it was committed");
        await().atMost(Waits.LIMIT).until(() -> rig.status().contains("\"phase\":\"rolled_back\""));
        assertThat(rig.status()).contains("\"version\":\"1.1.0\"")
                .contains("the agent restarted on 1.1.0 while probation to 1.2.0");
        assertThat(Files.readSymbolicLink(work.resolve("data/versions/current"))).isEqualTo(Path.of("1.1.0"));
        assertThat(work.resolve("data/versions/.probation")).doesNotExist();
    }

    private long downloaded() throws IOException {
        Path folder = work.resolve("data/update/download");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> parts = files.toList();
            return parts.isEmpty() ? 0 : Files.size(parts.getFirst());
        }
    }

    private String phaseOnDisk() {
        try {
            String state = Files.readString(work.resolve("data/update/state.json"));
            int at = state.indexOf("\"phase\":\"") + "\"phase\":\"".length();
            return state.substring(at, state.indexOf('"', at));
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return "";
        }
    }

    private Path writeConfig(String update, String... moreSinks) throws IOException {
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: %s, data_dir: ./data}
                %s
                %s
                sources:
                  a: {type: simulated, interval: 5ms, signals: [{name: count, shape: counter}]}
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                %s""".formatted(AGENT, rig.managementSection().strip(), update.strip(), String.join("", moreSinks)));
    }
}
