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
 * The broker goes down; while it is down the agent goes down too, with SIGKILL. The readings produced during the
 * outage are in the log, so once the broker is back, the restarted agent delivers them from the sink's saved
 * cursor. Counted by ID at the end: none missing, across both runs.
 */
class KillDuringOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(1);

    @TempDir
    Path work;

    @Test
    void readingsStoredDuringAnOutageArriveAfterTheAgentRestarts() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path config = AgentConfig.agent("outage-gw").mqttSink("cloud", broker.url()).write(work);
            ReceivedReadings received = new ReceivedReadings("outage-gw");
            Instant outageStart;
            Instant outageEnd;
            try (AgentProcess agent = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                outageStart = Instant.now();
                broker.kill();
                Waits.logged(agent, "sink cloud: DOWN (", 1);
                Thread.sleep(OUTAGE.toMillis());
                outageEnd = Instant.now();
                agent.kill9();
            }
            received.update(broker.recorder());
            long deliveredBefore = received.contiguousEnd();
            LoggedReadings stored = LoggedReadings.read(work.resolve("data"));
            assertThat(stored.readings().keySet()).as("readings stored during the outage, not delivered yet")
                    .anyMatch(seq -> seq >= deliveredBefore);

            broker.restart();
            try (AgentProcess agent = AgentProcess.start(work, "second", "run", "-c", config.toString())) {
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
            }
            received.update(broker.recorder());
            Completeness.assertDelivered(received, LoggedReadings.read(work.resolve("data")), "cloud");
            assertThat(received.seqs()).as("readings read during the outage, delivered after the restart")
                    .anyMatch(seq -> received.get(seq).time().isAfter(outageStart)
                            && received.get(seq).time().isBefore(outageEnd));
        }
    }
}
