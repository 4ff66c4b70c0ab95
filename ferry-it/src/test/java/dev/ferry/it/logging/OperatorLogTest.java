package dev.ferry.it.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads on stderr when a field device cannot be reached: lines named by component, a reason
 * without Java class names, and no warnings from the libraries under the drivers.
 */
class OperatorLogTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void anUnreachableModbusDeviceReadsAsAComponentWithAPlainReasonAndNoLibraryWarnings() throws Exception {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }
        Path config = work.resolve("ferry.yaml");
        Files.writeString(config, """
                agent: {id: gw-01, data_dir: ./data}
                sources:
                  plc:
                    type: modbus
                    interval: 1s
                    tcp: {host: 127.0.0.1, port: %d}
                    points:
                      - {name: voltage, address: 100, type: float32}
                sinks:
                  out: {type: file, path: ./out/readings.jsonl}
                """.formatted(closedPort));

        try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> agent.stderrText().contains("source plc: DEGRADED") || !agent.isAlive());
            assertThat(agent.terminate(LIMIT)).as("exit code; stderr:%n%s", agent.stderrText()).isZero();
            String stderr = agent.stderrText();

            assertThat(stderr).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\S+ WARN source plc: DEGRADED \\(.*"
                    + "connection refused by 127\\.0\\.0\\.1:" + closedPort);
            assertThat(stderr).contains("INFO sink out: ").doesNotContain("HealthRegistry").doesNotContain("Exception")
                    .doesNotContain("WARNING:").doesNotContain("sun.misc.Unsafe");
        }
    }
}
