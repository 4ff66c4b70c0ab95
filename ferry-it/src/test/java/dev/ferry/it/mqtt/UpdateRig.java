package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.update.TestDistributions;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the self-update tests share: signed bundles of test distributions, agents started by an installed launcher,
 * {@code ferry} commands with the update token, the agent's {@code /status}, and the processes that took over.
 */
final class UpdateRig {

    static final String TOKEN = "update-test-token-0123456789abcdef0123";
    static final Duration UPDATE_LIMIT = Duration.ofMinutes(3);
    private static final Pattern PID = Pattern.compile("this agent is pid (\\d+)");

    private final Path work;
    final int managementPort;

    UpdateRig(Path work) throws IOException {
        this.work = work;
        this.managementPort = FreePorts.tcp();
    }

    /** Kills every process whose command line names the test's folder: agents that took over, and their successors. */
    void stopEveryAgent() {
        String folder = work.toString();
        ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(args -> String.join(" ", args).contains(folder)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    interface Change {
        void apply(Path home) throws IOException;
    }

    /** A distribution of {@code version}, changed as given, packed and signed with {@code operator.key}. */
    Path signedBundle(String version, Change change) throws Exception {
        return sign(archive(version, change), version, "operator");
    }

    /** A distribution of {@code version}, changed as given, packed as the portable archive is. */
    Path archive(String version, Change change) throws Exception {
        Path home = TestDistributions.layOut(work.resolve("build-" + version), version);
        change.apply(home);
        return TestDistributions.pack(home, work.resolve("ferry-" + version + "-portable.tar.gz"));
    }

    /**
     * {@code archive} signed as holding {@code version} with {@code key}.key (made when missing), with more options of
     * {@code ferry bundle sign}.
     */
    Path sign(Path archive, String version, String key, String... options) throws Exception {
        if (!Files.exists(work.resolve(key + ".key"))) {
            assertThat(ferry("bundle", "keygen", "--out", key).exitCode()).isZero();
        }
        Path bundle = Files.createTempFile(work, "ferry-" + version + "-", ".bundle");
        Files.delete(bundle);
        List<String> command = new ArrayList<>(List.of("bundle", "sign", "--key", key + ".key", "--dist",
                archive.toString(), "--version", version, "--out", bundle.toString()));
        command.addAll(List.of(options));
        AgentProcess.Result signed = ferry(command.toArray(String[]::new));
        assertThat(signed.exitCode()).as(signed.stderr()).isZero();
        return bundle;
    }

    /** The management section the tests' configs share: the update token on a free port. */
    String managementSection() {
        return """
                management:
                  listen: "127.0.0.1:%d"
                  auth: {tokens: [{token: "%s", scopes: [agent:read, agent:update]}]}
                """.formatted(managementPort, TOKEN);
    }

    /** The installed agent as its service starts it: its launcher, on the Java running the tests; log in agent.err. */
    Process startByLauncher(Path home, Path config) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=HUP,INT,TERM",
                home.resolve("bin/ferry").toString(), "run", "-c", config.toString())
                .directory(work.toFile())
                .redirectOutput(work.resolve("agent.out").toFile())
                .redirectError(work.resolve("agent.err").toFile());
        builder.environment().put("FERRY_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("FERRY_VERSIONS_DIR", work.resolve("data/versions").toString());
        builder.environment().remove("FERRY_HOME");
        return builder.start();
    }

    AgentProcess.Result ferry(String... args) throws Exception {
        return AgentProcess.run(work, "ferry-" + args[0], UPDATE_LIMIT, Map.of("FERRY_TOKEN", TOKEN), args);
    }

    String status() throws InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/status"))
                    .header("Authorization", "Bearer " + TOKEN).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    static void awaitLogged(Path log, String text, int times) throws IOException {
        try {
            await().atMost(Waits.LIMIT).until(() -> Waits.occurrences(Files.readString(log), text) >= times);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("\"" + text + "\" not logged " + times + " times:\n" + Files.readString(log), e);
        }
    }

    /** The process that took over the data directory the {@code nth} time, by the log. */
    static ProcessHandle tookOver(String log, int nth) {
        Matcher pid = PID.matcher(log);
        for (int i = 0; i < nth; i++) {
            assertThat(pid.find()).as(log).isTrue();
        }
        return ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow(() -> new AssertionError("no process " + pid.group(1)));
    }

    /** SIGTERM, and its end. */
    static void stop(ProcessHandle agent) throws Exception {
        agent.destroy();
        agent.onExit().get(Waits.LIMIT.toSeconds(), TimeUnit.SECONDS);
    }
}
