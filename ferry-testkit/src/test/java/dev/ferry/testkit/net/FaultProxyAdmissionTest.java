package dev.ferry.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Refused and hanging connects, and accepting again on the same port. */
class FaultProxyAdmissionTest extends ProxiedEchoTest {

    @Test
    void refusedConnectsFailAtOnceAndTheSamePortAcceptsAgain() throws Exception {
        int port = proxy.port();
        try (TestClient open = TestClient.connect(proxy.address())) {
            roundTrip(open); // so that the proxy accepted it: one still in the kernel's queue would be reset
            proxy.admission(Admission.REFUSE);
            assertThatThrownBy(() -> TestClient.connect(proxy.address())).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Connection refused");
            roundTrip(open); // open connections are not affected

            proxy.admission(Admission.ACCEPT);
            assertThat(proxy.port()).isEqualTo(port);
            try (TestClient again = TestClient.connect(proxy.address())) {
                roundTrip(again);
            }
        }
    }

    @Test
    void hangingConnectsTimeOut() throws Exception {
        proxy.admission(Admission.HANG);
        assertThat(proxy.admission()).isEqualTo(Admission.HANG);
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(proxy.address(), 300)).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(server.accepted()).isZero();
    }

    @Test
    void aConnectStillRetryingGetsThroughOnceTheProxyAcceptsAgain() throws Exception {
        proxy.admission(Admission.HANG);
        CompletableFuture<TestClient> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return TestClient.connect(proxy.address()); // waits up to 10 s, retransmitting its SYN
            } catch (IOException e) {
                throw new AssertionError("the connect should have waited, not failed", e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        // its SYN sent and dropped by the full queue: switching sooner could let the first SYN meet the moment
        // between the old listener and the new one, which answers with a reset
        await().atMost(Duration.ofSeconds(10)).until(() -> synSentTo(proxy.address().getPort()));
        assertThat(connecting).isNotDone(); // nothing but a connect timeout could have ended it yet
        proxy.admission(Admission.ACCEPT);
        try (TestClient client = connecting.get(15, TimeUnit.SECONDS)) {
            roundTrip(client);
        }
    }

    @Test
    void clearFaultsAcceptsAgain() throws Exception {
        proxy.admission(Admission.REFUSE);
        proxy.blackHole();
        proxy.toTarget().stall();
        proxy.clearFaults();
        try (TestClient client = TestClient.connect(proxy.address())) {
            roundTrip(client);
        }
    }

    /**
     * True when a connect to {@code port} on the loopback address waits for an answer (TCP state SYN_SENT); Java's
     * sockets are IPv6 ones, so it is listed in /proc/net/tcp6 with the address IPv4-mapped.
     */
    private static boolean synSentTo(int port) throws IOException {
        List<String> remotes = List.of(String.format(" 0100007F:%04X 02 ", port),
                String.format(" 0000000000000000FFFF00000100007F:%04X 02 ", port));
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                if (remotes.stream().anyMatch(line::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void roundTrip(TestClient client) throws IOException {
        client.send(new byte[] {7, 8, 9});
        assertThat(client.readExactly(3)).containsExactly(7, 8, 9);
    }
}
