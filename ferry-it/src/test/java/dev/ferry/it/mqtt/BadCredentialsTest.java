package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong password: the broker refuses CONNECT; the sink reports DOWN with the broker's reason and tries again with
 * backoff (from {@code retry_initial: 500ms}, doubling up to 2 s, with jitter), not in a tight loop. The agent keeps
 * running, as the password may be fixed on the broker's side; the password never shows in its log.
 */
class BadCredentialsTest {

    private static final Duration WATCH = Duration.ofSeconds(5);

    @TempDir
    Path work;

    @Test
    void aRefusedLoginIsReportedAndRetriedWithBackoff() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(work.resolve("broker"))
                .allowAnonymous(false).user("ferry", "the right one").start()) {
            Path config = AgentConfig.agent("login-gw")
                    .mqttSink("cloud", "mqtt://127.0.0.1:" + broker.port(), "username: ferry", "password: ${MQTT_PASSWORD}",
                            "retry_initial: 500ms", "retry_max: 2s")
                    .write(work);
            try (AgentProcess agent = AgentProcess.start(work, "agent", Map.of("MQTT_PASSWORD", "a wrong one"),
                    "run", "-c", config.toString())) {
                Waits.logged(agent, "sink cloud: DOWN (", 1);
                int before = connectAttempts(broker);
                Thread.sleep(WATCH.toMillis());
                int during = connectAttempts(broker) - before;
                assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();
                Waits.stopCleanly(agent);

                String log = agent.stderrText();
                int down = log.indexOf("sink cloud: DOWN (");
                String reason = log.substring(down, log.indexOf('\n', down));
                System.out.println(reason + "; " + during + " attempts in " + WATCH.toSeconds() + " s");
                assertThat(reason).containsIgnoringCase("not authori");
                assertThat(log).doesNotContain("sink cloud: UP").doesNotContain("a wrong one");
                assertThat(during).as("CONNECT attempts in %s after the first refusal; broker log:%n%s", WATCH, broker.log())
                        .isBetween(2, 20);
            }
        }
    }

    private static int connectAttempts(MosquittoBroker broker) {
        return Waits.occurrences(broker.log(), "New connection from");
    }
}
