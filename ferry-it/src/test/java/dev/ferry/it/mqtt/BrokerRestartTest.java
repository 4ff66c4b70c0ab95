package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker dies (SIGKILL) in the middle of a stream of 200 readings a second, three times, and comes back on the
 * same port after a second each time. Readings produced meanwhile wait in the log; messages in flight when the
 * broker died are sent again (acknowledgements are delayed on their way back, so that some always are). Counted by
 * ID at the end: none missing, duplicates only as re-deliveries.
 *
 * <p>Each kill comes once the recorder has caught up with the live stream: messages a broker still queues for a
 * lagging subscriber die with it, a loss of the broker's (which acknowledged them) that no publisher can prevent.
 */
class BrokerRestartTest {

    private static final int KILLS = 3;
    private static final Duration OUTAGE = Duration.ofSeconds(1);

    @TempDir
    Path work;

    @Test
    void nothingIsLostWhenTheBrokerIsKilledThreeTimes() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path config = AgentConfig.agent("restart-gw").mqttSink("cloud", broker.url()).write(work);
            ReceivedReadings received = new ReceivedReadings("restart-gw");
            // PUBACKs come back late, so some messages are always in flight when the broker dies
            broker.proxy().toClient().latency(Duration.ofMillis(30), Duration.ZERO);
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                for (int kill = 1; kill <= KILLS; kill++) {
                    Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                    broker.kill();
                    Thread.sleep(OUTAGE.toMillis());
                    broker.restart();
                    // not "sink cloud: DOWN": health lines of a component that changes often are logged once a minute
                    Waits.logged(agent, "sink cloud: connected to", kill + 1);
                }
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
                assertThat(Waits.occurrences(agent.stderrText(), "sink cloud: connected to")).isGreaterThanOrEqualTo(KILLS + 1);
            }
            received.update(broker.recorder());
            Completeness.assertDelivered(received, LoggedReadings.read(work.resolve("data")), "cloud");
        }
    }
}
