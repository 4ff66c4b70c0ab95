package dev.ferry.it.status;

import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The config of an agent whose management endpoint the commands under test ask: a simulated source, the sinks given,
 * the endpoint on a free loopback port, and, when asked for, a token read from {@code FERRY_TEST_TOKEN}.
 */
final class ManagedAgent {

    static final Duration LIMIT = Duration.ofSeconds(60);
    static final String TOKEN_VARIABLE = "FERRY_TEST_TOKEN";

    private ManagedAgent() {}

    static Path writeConfig(Path dir, boolean withToken, String sinks) throws IOException {
        String auth = withToken
                ? "\n  auth:\n    tokens:\n      - {token: \"${" + TOKEN_VARIABLE + "}\", scopes: [\"agent:read\", \"agent:diagnose\"]}"
                : "";
        Path config = dir.resolve("ferry.yaml");
        Files.createDirectories(dir);
        Files.writeString(config, """
                agent: {id: gw-status, data_dir: ./data}
                management:
                  listen: "127.0.0.1:%d"%s
                sources:
                  boiler: {type: simulated, interval: 20ms}
                sinks:
                %s""".formatted(freePort(), auth, sinks.indent(2)));
        return config;
    }

    /** Starts {@code ferry run} and waits until its endpoint is up, which is after its components started. */
    static AgentProcess run(Path dir, Path config, Map<String, String> env) throws IOException {
        AgentProcess agent = AgentProcess.start(dir, "agent", env, "run", "-c", config.toString());
        await().atMost(LIMIT).until(() -> agent.stderrText().contains("management endpoint on") || !agent.isAlive());
        if (!agent.isAlive()) {
            throw new AssertionError("the agent stopped: " + agent.stderrText());
        }
        return agent;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
