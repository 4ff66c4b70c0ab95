package dev.ferry.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** Stalls, black holes, resets and a target that went down, on connections that are already open. */
class FaultProxyOutageTest extends ProxiedEchoTest {

    @Test
    void nothingPassesWhileStalledAndEverythingAfterResume() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            echoes(client, 1);
            long before = server.bytesRead();
            proxy.stall();
            byte[] data = TestClient.pattern(50_000, 6);
            client.send(data);
            assertThat(client.silent()).isTrue();
            assertThat(server.bytesRead()).isEqualTo(before);
            proxy.resume();
            assertThat(client.readExactly(data.length)).isEqualTo(data);
        }
    }

    @Test
    void aStallOfOneDirectionHoldsWhatTheTargetSends() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            proxy.toClient().stall();
            client.send(new byte[] {42});
            Poll.until("the target read the byte", () -> server.bytesRead() == 1);
            assertThat(client.silent()).isTrue();
            proxy.toClient().resume();
            assertThat(client.readExactly(1)).containsExactly(42);
        }
    }

    @Test
    void aBlackHoleTakesWritesAndAnswersNothingYetKeepsTheConnectionOpen() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            echoes(client, 2);
            long before = server.bytesRead();
            proxy.blackHole();
            client.send(TestClient.pattern(200_000, 7)); // more than the socket buffers hold: it is read and dropped
            client.socket.shutdownOutput();              // not even the end of stream gets through
            assertThat(client.silent()).isTrue();
            assertThat(server.bytesRead()).isEqualTo(before);
            Poll.until("all was dropped", () -> proxy.stats().bytesDropped() == 200_000);
            assertThat(proxy.stats().openConnections()).isEqualTo(1);
            assertThat(client.socket.isClosed()).isFalse();
        }
    }

    @Test
    void connectionsOpenedBeforeAndDuringABlackHoleCarryDataAgainWhenItEnds() throws Exception {
        try (TestClient before = TestClient.connect(proxy.address())) {
            echoes(before, 8);
            long read = server.bytesRead();
            proxy.blackHole();
            try (TestClient during = TestClient.connect(proxy.address())) {
                before.send(new byte[] {1});
                during.send(new byte[] {2});
                assertThat(before.silent()).isTrue();
                assertThat(during.silent()).isTrue();
                assertThat(server.bytesRead()).isEqualTo(read);
                proxy.endBlackHole();
                echoes(before, 9);
                echoes(during, 10);
            }
        }
    }

    @Test
    void aResetGivesTheClientConnectionResetAndNewConnectionsStillWork() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            echoes(client, 4);
            assertThat(proxy.resetConnections()).isEqualTo(1);
            assertThatThrownBy(() -> client.readExactly(1)).isInstanceOf(SocketException.class)
                    .hasMessageContaining("Connection reset");
        }
        Poll.until("the connection is gone", () -> proxy.stats().openConnections() == 0);
        try (TestClient again = TestClient.connect(proxy.address())) {
            echoes(again, 5);
        }
    }

    @Test
    void aResetWakesAStalledConnection() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            Poll.until("the proxy connected the client", () -> proxy.stats().openConnections() == 1);
            proxy.stall();
            client.send(new byte[] {1});
            assertThat(proxy.resetConnections()).isEqualTo(1);
            assertThatThrownBy(() -> client.readExactly(1)).isInstanceOf(SocketException.class)
                    .hasMessageContaining("Connection reset");
        }
        Poll.until("the connection is gone", () -> proxy.stats().openConnections() == 0);
    }

    @Test
    void aTargetThatWentDownEndsOpenConnectionsAndClosesNewOnesUntilItIsBack() throws Exception {
        try (TestClient client = TestClient.connect(proxy.address())) {
            echoes(client, 6);
            proxy.targetDown();
            assertThat(client.readToEnd()).isZero();
        }
        try (TestClient refused = TestClient.connect(proxy.address())) {
            assertThat(refused.readToEnd()).isZero();
        }
        proxy.targetUp();
        try (TestClient again = TestClient.connect(proxy.address())) {
            echoes(again, 7);
        }
    }

    private static void echoes(TestClient client, long seed) throws IOException {
        byte[] data = TestClient.pattern(100, seed);
        client.send(data);
        assertThat(client.readExactly(data.length)).isEqualTo(data);
    }
}
