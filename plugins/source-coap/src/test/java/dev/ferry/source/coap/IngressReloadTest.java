package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.testkit.net.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that adds a CoAP ingress on a port another program holds: the new ingress cannot start, so the whole
 * reload is undone (the ingress it also changed runs again as before, and takes readings), and the same reload
 * goes through once the port is free.
 */
class IngressReloadTest {

    @TempDir
    Path dir;

    private String config(int devicesPort, int maxInFlight, String more) {
        return """
                agent: {id: gw-reload, data_dir: ./data}
                sources:
                  devices:
                    type: coap
                    listen: 127.0.0.1
                    insecure: {port: %d, tenant: lab}
                    max_in_flight: %d
                %s
                sinks:
                  out: {type: file, path: out.jsonl}
                """.formatted(devicesPort, maxInFlight, more.indent(2).stripTrailing());
    }

    @Test
    void anIngressThatCannotBindUndoesTheReloadUntilItsPortIsFree() throws Exception {
        int devicesPort = FreePorts.udp();
        Agent agent = Agents.start(dir, config(devicesPort, 64, ""));
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int morePort = taken.getLocalPort();
            String more = "more: {type: coap, listen: 127.0.0.1, insecure: {port: %d, tenant: lab}}".formatted(morePort);
            Path file = dir.resolve("ferry.yaml");
            Files.writeString(file, config(devicesPort, 32, more));

            ReloadOutcome refused = agent.reload(Agents.load(file), "test");

            assertThat(refused.result()).isEqualTo(ReloadOutcome.Result.ROLLED_BACK);
            assertThat(refused.changes()).isEqualTo("sources added: more; sources restarted: devices");
            assertThat(refused.messages()).containsExactly("source more: cannot start: port " + morePort
                    + " is already in use by another program (coap://127.0.0.1:" + morePort + ")");
            assertThat(agent.sources().names()).containsExactly("devices");
            assertThat(agent.health().health("source more")).isEmpty();
            assertThat(agent.config().sources()).hasSize(1);
            assertStores(agent, devicesPort, 1);

            taken.close();
            ReloadOutcome applied = agent.reload(Agents.load(file), "test");
            assertThat(applied.result()).as("%s", applied).isEqualTo(ReloadOutcome.Result.APPLIED);
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.health().health("source more")
                    .map(h -> h.state() == HealthState.UP).orElse(false));
            assertStores(agent, devicesPort, 2);
            assertStores(agent, morePort, 3);
        } finally {
            agent.stop(Duration.ofSeconds(10));
        }
    }

    /** A device's reading posted to {@code port} is stored: the log then holds {@code expected} readings. */
    private static void assertStores(Agent agent, int port, long expected) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.health().health("source devices")
                .map(h -> h.state() == HealthState.UP).orElse(false));
        Libcoap.Result result = Libcoap.post().format(110).payload("[{\"n\":\"t\",\"v\":1}]")
                .send("coap://127.0.0.1:" + port + "/readings");
        assertThat(result.code()).as("%s", result).isEqualTo("2.04");
        assertThat(agent.log().stats().appendedReadings()).isEqualTo(expected);
    }
}
