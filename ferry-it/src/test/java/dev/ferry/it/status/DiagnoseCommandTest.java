package dev.ferry.it.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry diagnose} against a real agent whose MQTT password and management token come from the environment:
 * the bundle has every part, the JDK's own {@code jfr} tool reads its recording, and no file of it, decoded or raw,
 * holds either secret.
 */
class DiagnoseCommandTest {

    private static final String PASSWORD = "mqtt-password-from-env-4b7e19d2";
    private static final String TOKEN = "diagnose-test-token-91c3e5a7f0b24d68ae15";

    @TempDir
    Path work;

    @Test
    void theBundleHasEveryPartAndNoSecret() throws Exception {
        Path config = ManagedAgent.writeConfig(work, true, """
                cloud:
                  type: mqtt
                  url: "mqtt://127.0.0.1:1"
                  username: gateway
                  password: "${FERRY_TEST_SECRET}"
                  retry_initial: 200ms
                  retry_max: 1s
                """);
        Path bundles = work.resolve("bundles");
        AgentProcess.Result diagnose;
        try (AgentProcess agent = ManagedAgent.run(work, config,
                Map.of("FERRY_TEST_SECRET", PASSWORD, ManagedAgent.TOKEN_VARIABLE, TOKEN))) {
            // the token on the command line on purpose: the recording must not list this machine's processes
            diagnose = AgentProcess.run(work, "diagnose", ManagedAgent.LIMIT, "diagnose", "-c", config.toString(),
                    "--duration", "2s", "--output", bundles.toString(), "--token", TOKEN);
        }

        assertThat(diagnose.exitCode()).as(diagnose.stderr()).isZero();
        Path bundle = Path.of(diagnose.stdout().strip());
        assertThat(bundle.getParent()).isEqualTo(bundles);
        assertThat(bundle.getFileName().toString()).matches("ferry-diagnostics-gw-status-\\d{8}T\\d{6}Z\\.zip");
        Path unpacked = unzip(bundle, work.resolve("unpacked"));
        assertThat(names(unpacked)).containsExactlyInAnyOrder("README.txt", "recording.jfr", "threads.txt",
                "class-histogram.txt", "heap.txt", "status.json", "metrics.txt", "config.redacted.yaml", "recent-log.txt",
                "log-stats.txt");
        for (Path file : files(unpacked)) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(PASSWORD, TOKEN);
        }
        Path recording = unpacked.resolve("recording.jfr");
        assertThat(jfr("summary", recording)).contains("jdk.ExecutionSample", "jdk.GarbageCollection");
        assertThat(jfr("print", "--events", "jdk.InitialEnvironmentVariable", recording)).isBlank();
        assertThat(jfr("print", recording)).contains("jdk.ActiveSetting {")
                .doesNotContain("jdk.InitialEnvironmentVariable {", "jdk.InitialSystemProperty {", "jdk.SystemProcess {")
                .doesNotContain(PASSWORD, TOKEN);
        assertThat(Files.readString(unpacked.resolve("config.redacted.yaml")))
                .contains("password: \"<redacted> (from ${FERRY_TEST_SECRET})\"", "username: gateway");
        assertThat(Files.readString(unpacked.resolve("recent-log.txt"))).contains("management endpoint on");
        assertThat(Files.readString(unpacked.resolve("log-stats.txt"))).contains("agent, epoch   gw-status");
        assertThat(Files.readString(unpacked.resolve("status.json"))).contains("\"cloud\"");
    }

    @Test
    void withoutATokenConfiguredDiagnosticsAreRefusedWithTheReason() throws Exception {
        Path config = ManagedAgent.writeConfig(work, false, "out: {type: file, path: ./out/readings.jsonl}\n");
        try (AgentProcess agent = ManagedAgent.run(work, config, Map.of())) {
            AgentProcess.Result diagnose = AgentProcess.run(work, "diagnose", ManagedAgent.LIMIT,
                    "diagnose", "-c", config.toString(), "--duration", "1s", "--token", TOKEN);

            assertThat(diagnose.exitCode()).isEqualTo(5);
            assertThat(diagnose.stderr()).contains("diagnostics always need a token with agent:diagnose")
                    .doesNotContain("Exception", "\tat ");
        }
    }

    /** Runs the JDK's {@code jfr} tool of the JDK running the tests, the one the agent ran on. */
    private String jfr(Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jfr").toString()));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Path unzip(Path zip, Path dir) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(dir)).as(entry.getName()).isTrue();
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());   // this entry's bytes
                top = target.getParent();
            }
        }
        return top;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        return files(dir).stream().map(file -> file.getFileName().toString()).toList();
    }
}
