package dev.ferry.it.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.Resources;
import dev.ferry.testkit.AgentProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code Type=notify} unit hears from the agent, with socat listening on the notification socket in place of
 * systemd (which does not run here): READY=1 once the agent runs, and on SIGUSR2 MAINPID= the successor's process id
 * before the agent that started it ends, then the successor's own READY=1. Under a unit that expects no
 * notifications, SIGUSR2 is refused and the agent runs on.
 */
class SystemdNotifyTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern SUCCESSOR = Pattern.compile("this agent is pid (\\d+)");

    @TempDir
    Path work;

    private Process listener;
    private ProcessHandle successor;

    @AfterEach
    void stopProcesses() {
        if (successor != null && successor.isAlive()) {
            successor.destroyForcibly();
        }
        if (listener != null) {
            listener.destroyForcibly();
        }
    }

    @Test
    void theAgentSaysReadyAndHandsTheMainProcessToItsSuccessor() throws Exception {
        Path socket = work.resolve("notify.sock");
        Path heard = work.resolve("notify.out");
        listener = new ProcessBuilder("socat", "-u", "UNIX-RECVFROM:" + socket + ",unlink-early,fork",
                "OPEN:" + heard + ",creat,append").redirectErrorStream(true).start();
        await().atMost(LIMIT).until(() -> Files.exists(socket));
        Path config = Resources.copy("minimal/ferry.yaml", work);
        Map<String, String> systemd = Map.of("NOTIFY_SOCKET", socket.toString(), "INVOCATION_ID", "0123456789abcdef");

        try (AgentProcess agent = AgentProcess.start(work, "agent", systemd, "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> text(heard).contains("READY=1") || !agent.isAlive());
            assertThat(text(heard)).as(agent.stderrText()).isEqualTo("READY=1");

            agent.signal("USR2");

            await().atMost(LIMIT).until(() -> agent.stderrText().contains("took over the data directory"));
            assertThat(agent.awaitExit(LIMIT)).isZero();
            Matcher pid = SUCCESSOR.matcher(agent.stderrText());
            assertThat(pid.find()).isTrue();
            successor = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
            await().atMost(LIMIT).until(() -> text(heard).endsWith("READY=1"));
            assertThat(text(heard)).as("ready, the successor as main process, the successor ready")
                    .isEqualTo("READY=1MAINPID=" + successor.pid() + "READY=1");
            assertThat(agent.stderrText()).doesNotContain("cannot notify systemd").doesNotContain("\tat ");
        }
    }

    @Test
    void underAUnitThatExpectsNoNotificationsSigusr2IsRefusedAndTheAgentRunsOn() throws Exception {
        Path config = Resources.copy("minimal/ferry.yaml", work);
        try (AgentProcess agent = AgentProcess.start(work, "agent", Map.of("INVOCATION_ID", "0123456789abcdef"), "run",
                "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> agent.stderrText().contains("source boiler: UP") || !agent.isAlive());

            agent.signal("USR2");

            await().atMost(LIMIT).until(() -> agent.stderrText().contains("needs a unit of Type=notify"));
            assertThat(agent.isAlive()).isTrue();
            assertThat(agent.stderrText()).doesNotContain("started a successor");
            assertThat(agent.terminate(LIMIT)).isZero();
        }
    }

    private static String text(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
