package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.net.FaultProxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network between agent and broker fails while readings stream: a black hole (data silently dropped, as behind
 * a NAT that forgot the connection), a stall (nothing moves, nothing is lost) and a reset. The sink's keep-alive of
 * 2 s finds the dead connection, reconnects once the network is back, and sends again whatever was not
 * acknowledged. Counted by ID at the end: none missing.
 */
class NetworkFaultTest {

    @TempDir
    Path work;

    @Test
    void aBlackHoleIsFoundByTheKeepAliveAndNothingIsLost() throws Exception {
        String log = survives("blackhole-gw", FaultProxy::blackHole, FaultProxy::endBlackHole, "sink cloud: DOWN (");
        assertThat(log).contains("KEEP_ALIVE_TIMEOUT");
    }

    @Test
    void aStallIsFoundByTheKeepAliveAndNothingIsLost() throws Exception {
        String log = survives("stall-gw", FaultProxy::stall, FaultProxy::resume, "sink cloud: DOWN (");
        assertThat(log).contains("KEEP_ALIVE_TIMEOUT");
    }

    @Test
    void aResetConnectionIsReopenedAndNothingIsLost() throws Exception {
        String log = survives("reset-gw", proxy -> proxy.resetConnections(), proxy -> { }, "sink cloud: DEGRADED (");
        // the kernel reports the peer's reset to whichever comes first: a read (ECONNRESET) or a write (EPIPE)
        assertThat(log).containsAnyOf("Connection reset", "Broken pipe");
    }

    private interface Fault {
        void apply(FaultProxy proxy) throws IOException;
    }

    /** Streams, begins the fault, waits until the agent noticed it, ends it; returns the agent's log. */
    private String survives(String agentId, Fault begin, Fault end, String noticed) throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path config = AgentConfig.agent(agentId)
                    .mqttSink("cloud", broker.url(), "keep_alive: 2s", "connect_timeout: 2s")
                    .write(work);
            ReceivedReadings received = new ReceivedReadings(agentId);
            String log;
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                begin.apply(broker.proxy());
                Waits.logged(agent, noticed, 1);
                end.apply(broker.proxy());
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
                log = agent.stderrText();
            }
            assertThat(Waits.occurrences(log, "sink cloud: connected to")).as(log).isGreaterThanOrEqualTo(2);
            received.update(broker.recorder());
            Completeness.assertDelivered(received, LoggedReadings.read(work.resolve("data")), "cloud");
            return log;
        }
    }
}
