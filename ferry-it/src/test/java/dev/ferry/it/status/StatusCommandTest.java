package dev.ferry.it.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry status} against a real agent: the table, and the exit codes scripts rely on. */
class StatusCommandTest {

    private static final String TOKEN = "status-test-token-7c1f0a93b2d84e65a0f1";
    private static final String FILE_SINK = "out: {type: file, path: ./out/readings.jsonl}\n";

    @TempDir
    Path work;

    @Test
    void aReadyAgentIsShownComponentByComponentWithExitCodeZero() throws Exception {
        Path config = ManagedAgent.writeConfig(work, true, FILE_SINK);
        try (AgentProcess agent = ManagedAgent.run(work, config, Map.of(ManagedAgent.TOKEN_VARIABLE, TOKEN))) {
            AgentProcess.Result status = AgentProcess.run(work, "status", ManagedAgent.LIMIT, Map.of("FERRY_TOKEN", TOKEN),
                    "status", "-c", config.toString());

            assertThat(status.exitCode()).as(status.stderr()).isZero();
            assertThat(status.stdout()).contains("agent gw-status", "READY", "log ")
                    .containsPattern("source boiler +UP ")
                    .containsPattern("sink out +UP ");
        }
    }

    @Test
    void aSinkThatCannotDeliverMakesTheAgentNotReadyWithExitCodeThree() throws Exception {
        Path config = ManagedAgent.writeConfig(work, false,
                "cloud: {type: mqtt, url: \"mqtt://127.0.0.1:1\", retry_initial: 200ms, retry_max: 1s}\n");
        try (AgentProcess agent = ManagedAgent.run(work, config, Map.of())) {
            AgentProcess.Result status = AgentProcess.run(work, "status", ManagedAgent.LIMIT, "status", "-c", config.toString());

            assertThat(status.exitCode()).as(status.stderr()).isEqualTo(3);
            assertThat(status.stdout()).contains("NOT READY").containsPattern("sink cloud +(DOWN|STARTING)");
        }
    }

    @Test
    void noAgentIsOneLineWithExitCodeFour() throws Exception {
        Path config = ManagedAgent.writeConfig(work, false, FILE_SINK);

        AgentProcess.Result status = AgentProcess.run(work, "status", ManagedAgent.LIMIT, "status", "-c", config.toString());

        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(status.stderr().strip()).startsWith("ferry: cannot reach the agent at http://127.0.0.1:")
                .contains("connection refused").doesNotContain("Exception", "\tat ").hasLineCount(1);
    }

    @Test
    void aMissingOrWrongTokenIsOneLineWithExitCodeFiveAndTheTokenIsNotEchoed() throws Exception {
        Path config = ManagedAgent.writeConfig(work, true, FILE_SINK);
        try (AgentProcess agent = ManagedAgent.run(work, config, Map.of(ManagedAgent.TOKEN_VARIABLE, TOKEN))) {
            AgentProcess.Result none = AgentProcess.run(work, "none", ManagedAgent.LIMIT, "status", "-c", config.toString());
            AgentProcess.Result wrong = AgentProcess.run(work, "wrong", ManagedAgent.LIMIT, Map.of("FERRY_TOKEN", "x" + TOKEN),
                    "status", "-c", config.toString());

            assertThat(none.exitCode()).isEqualTo(5);
            assertThat(none.stderr().strip()).contains("refused: no credentials", "--token or FERRY_TOKEN").hasLineCount(1);
            assertThat(wrong.exitCode()).isEqualTo(5);
            assertThat(wrong.stderr().strip()).contains("refused: unknown token").doesNotContain(TOKEN).hasLineCount(1);
        }
    }
}
