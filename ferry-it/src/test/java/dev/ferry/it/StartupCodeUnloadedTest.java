package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line and the YAML and TOML readers are start-up code: once the agent runs, and again after a reload
 * has read the changed file, the JVM has none of their classes loaded (asked with {@code jcmd VM.class_hierarchy}).
 */
class StartupCodeUnloadedTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final List<String> STARTUP_PACKAGES = List.of("picocli.", "org.snakeyaml.", "org.tomlj.", "org.antlr.",
            "dev.ferry.agent.cli.", "dev.ferry.runtime.config.text.");

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"minimal/ferry.yaml", "minimal/ferry.toml"})
    void noStartupClassIsLoadedWhileTheAgentRunsNorAfterAReload(String resource) throws Exception {
        Path config = Resources.copy(resource, work);
        Path out = work.resolve("out/readings.jsonl");
        try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> DeliveredLines.read(out).lines().size() >= 20 || !agent.isAlive());
            assertNoStartupClasses(agent, "running");

            Files.writeString(config, Files.readString(config).replace("10ms", "20ms"));
            agent.hangUp();
            await().atMost(LIMIT).until(() -> agent.stderrText().contains("config reload (SIGHUP) applied") || !agent.isAlive());
            assertNoStartupClasses(agent, "after a reload");
            assertThat(agent.terminate(LIMIT)).as(agent.stderrText()).isZero();
        }
    }

    private static void assertNoStartupClasses(AgentProcess agent, String when) throws Exception {
        assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();
        String classes = LoadedClasses.of(agent.pid());
        assertThat(classes).as("the running agent's own classes are listed").contains("dev.ferry.agent.AgentRun");
        for (String prefix : STARTUP_PACKAGES) {
            assertThat(classes).as("classes of %s loaded %s", prefix, when).doesNotContain(prefix);
        }
    }
}
