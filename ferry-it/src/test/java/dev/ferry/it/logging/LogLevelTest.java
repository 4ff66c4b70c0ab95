package dev.ferry.it.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log level an operator asks for is the one the agent logs at: {@code --log-level}, then
 * {@code FERRY_LOG_LEVEL}, then {@code agent.log_level}, then info; a level that does not exist is refused clearly.
 */
class LogLevelTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String RUNNING_LINE = "INFO agent gw-01 running";

    @TempDir
    Path work;

    @Test
    void infoByDefault() throws Exception {
        assertThat(runBriefly("default", config(""), Map.of())).contains(RUNNING_LINE);
    }

    @Test
    void theConfigSetsTheLevel() throws Exception {
        assertThat(runBriefly("config", config("log_level: warn"), Map.of())).doesNotContain(" INFO ");
    }

    @Test
    void theEnvironmentOverridesTheConfig() throws Exception {
        String stderr = runBriefly("environment", config("log_level: info"), Map.of("FERRY_LOG_LEVEL", "error"));

        assertThat(stderr).doesNotContain(" INFO ");
    }

    @Test
    void theCommandLineOverridesTheEnvironment() throws Exception {
        String stderr = runBriefly("command-line", config("log_level: error"), Map.of("FERRY_LOG_LEVEL", "error"),
                "--log-level", "info");

        assertThat(stderr).contains(RUNNING_LINE);
    }

    @Test
    void anUnknownLevelOnTheCommandLineIsAUsageError() throws Exception {
        AgentProcess.Result result = AgentProcess.run(work, "bad-option", LIMIT, "run", "-c", config("").toString(),
                "--log-level", "loud");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--log-level")
                .contains("unknown value \"loud\"; expected one of: error, warn, info, debug, trace")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownLevelInTheEnvironmentIsOneClearLine() throws Exception {
        AgentProcess.Result result = AgentProcess.run(work, "bad-environment", LIMIT, Map.of("FERRY_LOG_LEVEL", "loud"),
                "run", "-c", config("").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip()).isEqualTo(
                "ferry: FERRY_LOG_LEVEL: unknown value \"loud\"; expected one of: error, warn, info, debug, trace");
    }

    @Test
    void anUnknownLevelInTheConfigIsAConfigErrorWithItsPlace() throws Exception {
        Path config = config("log_level: loud");

        AgentProcess.Result result = AgentProcess.run(work, "bad-config", LIMIT, "check", "-c", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains(config + ":4: agent.log_level:").contains("\"loud\"")
                .doesNotContain("\tat ");
    }

    @Test
    void theLogCommandsTakeTheOptionToo() throws Exception {
        AgentProcess.Result result = AgentProcess.run(work, "stats", LIMIT, "log", "stats", "-c", config("").toString(),
                "--log-level", "warn");

        assertThat(result.stderr()).doesNotContain("Unknown option");
    }

    private Path config(String agentLine) throws Exception {
        Path config = work.resolve("ferry.yaml");
        Files.writeString(config, """
                agent:
                  id: gw-01
                  data_dir: ./data
                  %s
                sources:
                  boiler: {type: simulated, interval: 10ms}
                sinks:
                  out: {type: file, path: ./out/readings.jsonl}
                """.formatted(agentLine));
        return config;
    }

    /** Runs the agent until it has delivered readings, stops it, and returns what it logged. */
    private String runBriefly(String name, Path config, Map<String, String> env, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-c", config.toString()));
        args.addAll(List.of(extraArgs));
        Path out = work.resolve("out/readings.jsonl");
        try (AgentProcess agent = AgentProcess.start(work, name, env, args.toArray(String[]::new))) {
            await().atMost(LIMIT).until(() -> Files.exists(out) && Files.size(out) > 0 || !agent.isAlive());
            assertThat(agent.terminate(LIMIT)).as("exit code; stderr:%n%s", agent.stderrText()).isZero();
            return agent.stderrText();
        }
    }
}
