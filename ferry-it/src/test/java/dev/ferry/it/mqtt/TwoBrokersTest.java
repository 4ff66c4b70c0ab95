package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two MQTT sinks, each to its own broker, each with its own cursor in the one log. While broker B is down, A gets
 * every reading and is not held back; once B comes up it gets its whole backlog. Counted by ID for each.
 */
class TwoBrokersTest {

    @TempDir
    Path work;

    @Test
    void aDownBrokerHoldsBackOnlyItsOwnSink() throws Exception {
        try (ProxiedBroker a = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker-a")));
                ProxiedBroker b = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker-b")))) {
            b.kill();
            Path config = AgentConfig.agent("twin-gw").mqttSink("a", a.url()).mqttSink("b", b.url()).write(work);
            ReceivedReadings atA = new ReceivedReadings("twin-gw");
            ReceivedReadings atB = new ReceivedReadings("twin-gw");
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                Waits.logged(agent, "sink b: DOWN (", 1);
                Waits.caughtUp(agent, atA, a.recorder(), Instant.now().plusSeconds(2));
                assertThat(atB.update(b.recorder()).distinct()).isZero();
                assertThat(agent.stderrText()).doesNotContain("sink b: UP").doesNotContain("sink a: DOWN");

                b.restart();
                Instant backlogEnd = Instant.now();
                Waits.caughtUp(agent, atB, b.recorder(), backlogEnd);
                Waits.caughtUp(agent, atA, a.recorder(), backlogEnd);
                Waits.stopCleanly(agent);
            }
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            Completeness.assertDelivered(atA.update(a.recorder()), log, "a");
            Completeness.assertDelivered(atB.update(b.recorder()), log, "b");
        }
    }
}
