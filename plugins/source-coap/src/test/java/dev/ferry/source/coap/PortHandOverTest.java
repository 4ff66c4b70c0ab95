package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ports of an ingress that stops while another agent waits to take the data directory over ({@code take-over.pid}
 * names it) stay bound until the next ingress on the data directory listens, so that a device's connected socket never
 * meets ICMP port unreachable; without a hand-over they close with the source, as before; and no other ingress can
 * share them.
 */
class PortHandOverTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String PACK = "[{\"n\":\"t\",\"v\":1}]";

    @TempDir
    Path dir;

    private int plainPort;
    private int securePort;
    private Process waiting;

    @BeforeEach
    void ports() throws IOException {
        plainPort = FreePorts.udp();
        securePort = FreePorts.udp();
    }

    @AfterEach
    void stopTheWaitingStandIn() {
        if (waiting != null) {
            waiting.destroyForcibly();
        }
    }

    @Test
    void aStoppingIngressKeepsItsPortsBoundUntilTheIngressTakingOverListens() throws Exception {
        RunningIngress old = RunningIngress.start(section(), dir);
        anAgentWaitsToTakeOver();

        old.close();

        assertThat(held(plainPort)).exists();
        assertThat(held(securePort)).exists();
        assertThat(refused(plainPort)).as("plain port refused between the two").isFalse();
        assertThat(refused(securePort)).as("DTLS port refused between the two").isFalse();
        try (RunningIngress next = RunningIngress.start(section(), dir)) {
            await().atMost(LIMIT).until(() -> !Files.exists(held(plainPort)) && !Files.exists(held(securePort)));
            assertThat(Libcoap.post().format(110).payload(PACK).send(next.coap("readings")).code()).isEqualTo("2.04");
            assertThat(Libcoap.post().format(110).psk("meter-7", "secret-7").payload(PACK).send(next.coaps("readings"))
                    .code()).isEqualTo("2.04");
            assertThat(next.emitter().readings()).hasSize(2);
        }
    }

    @Test
    void theKeptPortsCloseWhenTheAgentWaitingToTakeOverEnds() throws Exception {
        RunningIngress old = RunningIngress.start(section(), dir);
        anAgentWaitsToTakeOver();
        old.close();
        assertThat(refused(plainPort)).isFalse();

        waiting.destroy();

        await().atMost(LIMIT).until(() -> refused(plainPort));
        assertThat(held(plainPort)).doesNotExist();
        assertThat(held(securePort)).doesNotExist();
    }

    @Test
    void withoutAHandOverThePortsCloseWithTheSource() throws Exception {
        RunningIngress.start(section(), dir).close();

        assertThat(refused(plainPort)).isTrue();
        assertThat(held(plainPort)).doesNotExist();
    }

    @Test
    void noOtherIngressCanShareAPortInUse(@TempDir Path otherDataDir) throws Exception {
        try (RunningIngress running = RunningIngress.start(section(), dir)) {
            assertThatThrownBy(() -> RunningIngress.start(section(), otherDataDir))
                    .hasMessageContaining("port " + securePort + " is already in use");
            assertThat(Libcoap.post().format(110).payload(PACK).send(running.coap("readings")).code()).isEqualTo("2.04");
        }
    }

    private String section() {
        return """
                type: coap
                listen: 127.0.0.1
                port: %d
                psk_devices:
                  - {identity: meter-7, key: secret-7, tenant: globex}
                insecure: {port: %d, tenant: lab}
                """.formatted(securePort, plainPort);
    }

    /** A process standing in for {@code ferry run --take-over}, which names itself in the data directory while it waits. */
    private void anAgentWaitsToTakeOver() throws IOException {
        waiting = new ProcessBuilder("sleep", "300").start();
        Files.writeString(dir.resolve("take-over.pid"), Long.toString(waiting.pid()));
    }

    private Path held(int port) {
        return dir.resolve("plugins").resolve(IngressConfigs.SOURCE).resolve("port-" + port + ".held");
    }

    /**
     * Whether a datagram to {@code port} meets ICMP port unreachable, as a device's connected socket reports it. A
     * datagram nothing answers leaves the receive waiting; on loopback the ICMP comes at once.
     */
    private static boolean refused(int port) throws IOException {
        try (DatagramSocket device = new DatagramSocket()) {
            device.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            device.setSoTimeout(500);
            device.send(new DatagramPacket(new byte[] {0}, 1));
            device.receive(new DatagramPacket(new byte[64], 64));
            return false;
        } catch (PortUnreachableException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
