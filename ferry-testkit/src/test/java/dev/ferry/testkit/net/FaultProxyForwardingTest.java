package dev.ferry.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FaultProxyForwardingTest extends ProxiedEchoTest {

    @Test
    void forwardsBothWaysIntactAndCountsWhatPassed() throws Exception {
        byte[] data = TestClient.pattern(300_000, 1);
        try (TestClient client = TestClient.connect(proxy.address())) {
            Thread.ofVirtual().start(() -> sendQuietly(client, data));
            assertThat(client.readExactly(data.length)).isEqualTo(data);
        }
        assertThat(proxy.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(proxy.stats()).extracting(ProxyStats::connectionsAccepted, ProxyStats::bytesToTarget,
                ProxyStats::bytesToClient, ProxyStats::bytesDropped).containsExactly(1L, 300_000L, 300_000L, 0L);
    }

    @Test
    void passesOnAHalfCloseAndClosesWhenBothSidesEnded() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            client.send("bye".getBytes());
            client.socket.shutdownOutput();
            assertThat(client.readToEnd()).isEqualTo(3);
        }
        Poll.until("the connection is closed", () -> proxy.stats().openConnections() == 0);
    }

    @Test
    void closesTheClientWhenTheTargetCannotBeReached() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) taken.getLocalSocketAddress();
        }
        try (FaultProxy toNobody = FaultProxy.start(nobody);
                TestClient client = TestClient.connect(toNobody.address())) {
            assertThat(client.readToEnd()).isZero();
            assertThat(toNobody.stats().targetConnectFailures()).isEqualTo(1);
        }
    }

    @Test
    void servesManyConnectionsAtOnce() throws Exception {
        TestClient[] clients = new TestClient[20];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = TestClient.connect(proxy.address());
            clients[i].send(TestClient.pattern(1000, i));
        }
        for (int i = 0; i < clients.length; i++) {
            assertThat(clients[i].readExactly(1000)).isEqualTo(TestClient.pattern(1000, i));
            clients[i].close();
        }
        assertThat(proxy.stats().connectionsAccepted()).isEqualTo(20);
    }

    @Test
    void closeFreesThePortAndEveryConnection() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            client.send(new byte[] {1});
            client.readExactly(1);
            proxy.close();
            assertThat(client.readToEnd()).isZero();
        }
        assertThatThrownBy(() -> TestClient.connect(proxy.address())).isInstanceOf(ConnectException.class);
        assertThat(proxy.stats().openConnections()).isZero();
    }

    static void sendQuietly(TestClient client, byte[] data) {
        try {
            client.send(data);
        } catch (IOException e) {
            throw new AssertionError("sending through the proxy failed", e);
        }
    }
}
