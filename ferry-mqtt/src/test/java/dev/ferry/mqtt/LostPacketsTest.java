package dev.ferry.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.mqtt.DisconnectInfo.Cause;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.net.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes lost on a connection that stays open (the test kit's proxy drops the bytes of a black hole and then
 * forwards again, as a middlebox that lost part of the stream would): the broker still answers pings, so the
 * keep-alive alone would never notice, and the publishes would wait for their acknowledgements for ever. The client
 * ends the connection once no acknowledgement came for 1.5 keep-alives, which fails the waiting publishes so that
 * their sender sends them again on a new connection.
 */
class LostPacketsTest {

    @TempDir
    Path dir;

    @Test
    void publishesThatAreNeverAcknowledgedEndTheConnection() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
                FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                MqttConnection client = MqttConnection.connect(MqttConnectOptions.builder(proxy.host(), proxy.port())
                        .clientId("lossy").keepAlive(Duration.ofSeconds(1)).build())) {
            client.publish(MqttPublish.of("ferry/lossy/before", bytes("1"), 1)).get(5, SECONDS);

            proxy.blackHole();
            List<CompletableFuture<Void>> lost = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                lost.add(client.publish(MqttPublish.of("ferry/lossy/lost", bytes("lost " + i), 1)));
            }
            TimeUnit.MILLISECONDS.sleep(500);
            proxy.endBlackHole();

            DisconnectInfo ended = client.closed().get(30, SECONDS);
            assertThat(ended.cause()).isEqualTo(Cause.KEEP_ALIVE_TIMEOUT);
            assertThat(ended.reason()).contains("waited").contains("for an acknowledgement while the broker answered pings");
            assertThat(lost).allSatisfy(publish -> assertThat(publish).isCompletedExceptionally());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
