package dev.ferry.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Latency, jitter, slicing and bandwidth: data arrives late, in pieces or slowly, but whole and in order. */
class FaultProxyPacingTest extends ProxiedEchoTest {

    @Test
    void aRoundTripTakesAtLeastTheLatencyOfBothDirections() throws Exception {
        proxy.toTarget().latency(Duration.ofMillis(40), Duration.ZERO);
        proxy.toClient().latency(Duration.ofMillis(30), Duration.ofMillis(20));
        try (TestClient client = TestClient.connect(proxy.address())) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                client.send(new byte[] {(byte) i});
                assertThat(client.readExactly(1)).containsExactly(i);
                Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
                assertThat(roundTrip).isGreaterThanOrEqualTo(Duration.ofMillis(70));
            }
        }
    }

    @Test
    void jitterKeepsTheOrder() throws Exception {
        proxy.toTarget().latency(Duration.ZERO, Duration.ofMillis(3));
        proxy.toClient().latency(Duration.ofMillis(1), Duration.ofMillis(3));
        try (TestClient client = TestClient.connect(proxy.address())) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (int i = 0; i < 100; i++) {
                byte[] message = TestClient.pattern(1 + i * 37 % 500, i);
                client.send(message);
                sent.write(message);
            }
            assertThat(client.readExactly(sent.size())).isEqualTo(sent.toByteArray());
        }
    }

    @Test
    void slicingMakesTheTargetReadAMessageInPieces() throws Exception {
        proxy.toTarget().slices(7, Duration.ofMillis(5));
        byte[] data = TestClient.pattern(200, 2);
        try (TestClient client = TestClient.connect(proxy.address())) {
            long start = System.nanoTime();
            client.send(data);
            assertThat(client.readExactly(data.length)).isEqualTo(data);
            // 29 slices, each followed by its pause: the last byte left after 28 of them at the earliest
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(28 * 5));
        }
        // TCP may join slices that arrive faster than the target reads, so only "in pieces" is certain
        assertThat(server.readSizes()).hasSizeGreaterThan(1);
    }

    @Test
    void slicingCanBeLiftedMidStream() throws Exception {
        proxy.toClient().slices(1, Duration.ZERO);
        try (TestClient client = TestClient.connect(proxy.address())) {
            byte[] first = TestClient.pattern(500, 3);
            client.send(first);
            assertThat(client.readExactly(first.length)).isEqualTo(first);
            proxy.toClient().noSlicing();
            byte[] second = TestClient.pattern(100_000, 4);
            Thread.ofVirtual().start(() -> FaultProxyForwardingTest.sendQuietly(client, second));
            assertThat(client.readExactly(second.length)).isEqualTo(second);
        }
    }

    @Test
    void theBandwidthCapSlowsTheTransferAndKeepsItWhole() throws Exception {
        long bytesPerSecond = 100_000;
        int length = 40_000;
        proxy.toClient().bandwidth(bytesPerSecond);
        byte[] data = TestClient.pattern(length, 5);
        try (TestClient client = TestClient.connect(proxy.address())) {
            long start = System.nanoTime();
            client.send(data);
            assertThat(client.readExactly(length)).isEqualTo(data);
            // the bucket starts with a tenth of a second's worth; the rest cannot pass faster than the rate
            Duration floor = Duration.ofNanos((length - bytesPerSecond / 10) * 1_000_000_000L / bytesPerSecond);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(floor);
        }
    }

    @Test
    void faultSettingsRefuseNonsenseAndSayWhatIsAllowed() {
        assertThatThrownBy(() -> proxy.toTarget().bandwidth(0))
                .hasMessage("bandwidth in bytes per second must be > 0, was 0");
        assertThatThrownBy(() -> proxy.toTarget().latency(Duration.ofMillis(-1), Duration.ZERO))
                .hasMessage("latency must be zero or more, was PT-0.001S");
        assertThatThrownBy(() -> proxy.toTarget().slices(0, Duration.ZERO))
                .hasMessage("slice size in bytes must be > 0, was 0");
    }
}
