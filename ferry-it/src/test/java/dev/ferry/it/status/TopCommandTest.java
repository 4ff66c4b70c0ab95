package dev.ferry.it.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry top} in a real pseudo-terminal, read off the screen as a user sees it: components and their states
 * follow the broker going away and coming back, the agent going away is shown, and q quits.
 */
class TopCommandTest {

    @TempDir
    Path work;

    @Test
    void theScreenFollowsTheAgentUntilQQuits() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker"))) {
            Path config = ManagedAgent.writeConfig(work, false, "cloud: {type: mqtt, url: \"mqtt://127.0.0.1:" + broker.port()
                    + "\", retry_initial: 200ms, retry_max: 500ms}\n");
            try (AgentProcess agent = ManagedAgent.run(work, config, Map.of());
                    TmuxSession terminal = TmuxSession.start(work, 160, 30, ferry("top", "-c", config.toString(),
                            "--interval", "300ms"))) {
                awaitScreen(terminal, "READY", "source boiler +UP ", "sink cloud +UP ");
                assertThat(terminal.screen()).as("drawn in place, not scrolled").containsOnlyOnce("COMPONENT");

                broker.stop();
                awaitScreen(terminal, "NOT READY", "sink cloud +DOWN ");

                broker.restart();
                awaitScreen(terminal, "  READY", "sink cloud +UP ");

                agent.terminate(ManagedAgent.LIMIT);
                awaitScreen(terminal, "cannot reach the agent at http://127.0.0.1:");

                terminal.type("q");
                await().atMost(ManagedAgent.LIMIT).until(() -> !terminal.running());
            }
        }
    }

    @Test
    void withoutATerminalSuccessiveTablesArePrinted() throws Exception {
        Path config = ManagedAgent.writeConfig(work, false, "out: {type: file, path: ./out/readings.jsonl}\n");
        try (AgentProcess agent = ManagedAgent.run(work, config, Map.of())) {
            AgentProcess.Result top = AgentProcess.run(work, "top", ManagedAgent.LIMIT,
                    "top", "-c", config.toString(), "--interval", "200ms", "-n", "3");

            assertThat(top.exitCode()).as(top.stderr()).isZero();
            assertThat(top.stdout()).doesNotContain("\033[").containsPattern("(?s)(COMPONENT.*sink out +UP .*){3}");
        }
    }

    private static void awaitScreen(TmuxSession terminal, String... patterns) {
        await().atMost(ManagedAgent.LIMIT).untilAsserted(() -> {
            String screen = terminal.screen();
            for (String pattern : patterns) {
                assertThat(screen).containsPattern(pattern);
            }
        });
    }

    /** The agent's command line, as {@code AgentProcess} starts it, for a process that tmux starts instead. */
    private static List<String> ferry(String... arguments) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", System.getProperty("ferry.agent.jar")));
        command.addAll(List.of(arguments));
        return command;
    }
}
