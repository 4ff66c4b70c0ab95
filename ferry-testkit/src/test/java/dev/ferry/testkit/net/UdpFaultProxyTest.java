package dev.ferry.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpFaultProxyTest {

    private static final long SEED = 20_240_611L;

    private UdpEchoServer server;
    private UdpFaultProxy proxy;
    private DatagramSocket client;

    @BeforeEach
    void start() throws IOException {
        server = new UdpEchoServer();
        proxy = UdpFaultProxy.start(server.address(), SEED);
        client = newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
        server.close();
    }

    @Test
    void repliesFindTheirWayBackToEachClient() throws Exception {
        try (DatagramSocket other = newClient()) {
            send(client, 1);
            send(other, 2);
            assertThat(receive(client)).isEqualTo(1);
            assertThat(receive(other)).isEqualTo(2);
        }
        assertThat(proxy.stats().sessions()).isEqualTo(2);
        assertThat(proxy.stats().toClient().sent()).isEqualTo(2);
    }

    @Test
    void lossDropsAboutTheConfiguredShareAndTheSameOnesForTheSameSeed() throws Exception {
        proxy.toTarget().loss(0.3);
        List<Integer> delivered = sendPaced(2_000);
        assertThat(delivered.size()).isBetween(1_300, 1_500);
        assertThat(proxy.stats().toTarget().lost()).isEqualTo(2_000 - delivered.size());
        assertThat(delivered).isSorted();

        try (UdpEchoServer again = new UdpEchoServer();
                UdpFaultProxy same = UdpFaultProxy.start(again.address(), SEED)) {
            same.toTarget().loss(0.3);
            assertThat(sendPaced(same, again, 2_000)).isEqualTo(delivered);
        }
    }

    @Test
    void duplicationDeliversSomeDatagramsTwiceInARow() throws Exception {
        proxy.toTarget().duplication(0.25);
        List<Integer> delivered = sendPaced(400);
        long twice = proxy.stats().toTarget().duplicated();
        assertThat(twice).isBetween(60L, 140L);
        assertThat(delivered).hasSize(400 + (int) twice);
        assertThat(new HashSet<>(delivered)).hasSize(400);
        assertThat(delivered).isSorted(); // each copy right after its original
    }

    @Test
    void reorderingSwapsADatagramWithTheNextAndLosesNone() throws Exception {
        proxy.toTarget().reordering(0.2, Duration.ofMillis(100));
        List<Integer> delivered = sendPaced(400);
        List<Integer> swapped = new ArrayList<>();
        for (int i = 0; i + 1 < delivered.size(); i++) {
            if (delivered.get(i) > delivered.get(i + 1)) {
                swapped.add(delivered.get(i + 1));
                assertThat(delivered.get(i)).isEqualTo(delivered.get(i + 1) + 1); // moved back by one place only
            }
        }
        assertThat(swapped).hasSizeGreaterThan(20);
        assertThat(Set.copyOf(delivered)).isEqualTo(Set.copyOf(IntStream.range(0, 400).boxed().toList()));
    }

    @Test
    void aHeldDatagramWithNoSuccessorIsSentWhenItsHoldRunsOut() throws Exception {
        proxy.toTarget().reordering(1, Duration.ofMillis(50));
        send(client, 9);
        assertThat(receive(client)).isEqualTo(9);
        assertThat(proxy.stats().toTarget().reordered()).isEqualTo(1);
    }

    @Test
    void aRoundTripTakesAtLeastTheDelayOfBothDirections() throws Exception {
        proxy.toTarget().latency(Duration.ofMillis(30), Duration.ofMillis(10));
        proxy.toClient().latency(Duration.ofMillis(20), Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            send(client, i);
            assertThat(receive(client)).isEqualTo(i);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void settingsRefuseProbabilitiesOutsideZeroToOne() {
        assertThatThrownBy(() -> proxy.toTarget().loss(1.5))
                .hasMessage("loss must be a probability in [0, 1], was 1.5");
        assertThatThrownBy(() -> proxy.toClient().duplication(-0.1))
                .hasMessage("duplication must be a probability in [0, 1], was -0.1");
    }

    private List<Integer> sendPaced(int count) throws Exception {
        return sendPaced(proxy, server, count);
    }

    /**
     * Sends 0..count-1 one by one, each once the proxy took the one before and the server received all the proxy
     * sent, so that no socket buffer can overflow and the proxy meets them in order; returns what the server
     * received, in order.
     */
    private List<Integer> sendPaced(UdpFaultProxy through, UdpEchoServer at, int count) throws Exception {
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < count; i++) {
                send(sender, through.address(), i);
                long taken = i + 1;
                Poll.until("the proxy received datagram " + i + " and the server all it was sent", () -> {
                    DatagramCounts counts = through.stats().toTarget();
                    return counts.received() == taken && at.receivedCount() == counts.sent();
                });
            }
            Poll.until("the proxy sent all it will send", () -> {
                DatagramCounts counts = through.stats().toTarget();
                return counts.sent() == count - counts.lost() + counts.duplicated();
            });
            Poll.until("the server received all", () -> at.receivedCount() == through.stats().toTarget().sent());
        }
        return at.received();
    }

    private DatagramSocket newClient() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private void send(DatagramSocket from, int number) throws IOException {
        send(from, proxy.address(), number);
    }

    private static void send(DatagramSocket from, InetSocketAddress to, int number) throws IOException {
        byte[] data = ByteBuffer.allocate(4).putInt(number).array();
        from.send(new DatagramPacket(data, data.length, to));
    }

    private static int receive(DatagramSocket on) throws IOException {
        byte[] buffer = new byte[64];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        on.receive(packet);
        return ByteBuffer.wrap(buffer, 0, packet.getLength()).getInt();
    }
}
