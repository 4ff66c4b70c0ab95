package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MqttRecorder;
import java.time.Duration;
import java.time.Instant;

/** Waiting for what an agent under test does, failing with its log when it does not, or when it died. */
final class Waits {

    /** Generous: these are limits for outcomes, not measurements. */
    static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);

    private Waits() {}

    /** Until every reading up to one read after {@code mark} arrived (see {@link ReceivedReadings#caughtUpWith}). */
    static void caughtUp(AgentProcess agent, ReceivedReadings received, MqttRecorder recorder, Instant mark) {
        await().atMost(LIMIT).pollInterval(POLL)
                .until(() -> !agent.isAlive() || received.update(recorder).caughtUpWith(mark));
        assertThat(agent.isAlive()).as("agent alive; stderr:%n%s", agent.stderrText()).isTrue();
        assertThat(received.caughtUpWith(mark)).as("%s caught up with %s", received, mark).isTrue();
    }

    /** Until the agent's log holds {@code text} at least {@code times} times. */
    static void logged(AgentProcess agent, String text, int times) {
        try {
            await().atMost(LIMIT).pollInterval(POLL)
                    .until(() -> !agent.isAlive() || occurrences(agent.stderrText(), text) >= times);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("\"" + text + "\" not " + times + " time(s) in the agent's log within " + LIMIT
                    + ":\n" + agent.stderrText(), e);
        }
        assertThat(agent.isAlive()).as("agent alive; stderr:%n%s", agent.stderrText()).isTrue();
        assertThat(occurrences(agent.stderrText(), text)).as("\"%s\" in the agent's log:%n%s", text, agent.stderrText())
                .isGreaterThanOrEqualTo(times);
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** SIGTERM: the agent stops in order, exits 0 and prints no stack trace. */
    static void stopCleanly(AgentProcess agent) throws InterruptedException {
        assertThat(agent.terminate(LIMIT)).as("exit code after SIGTERM; stderr:%n%s", agent.stderrText()).isZero();
        assertThat(agent.stderrText()).doesNotContain("\tat ");
    }
}
