package dev.ferry.sink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Batch;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two gateways configured with the same client_id, against a real Mosquitto: each is told why it keeps being thrown off. */
class ClientIdTakeoverTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final String KEYS = """
            protocol: "%s"
            client_id: gw-shared
            topic: "tenants/acme/{source}/{metric}"
            """;

    @TempDir
    static Path shared;

    private static TenantBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TenantBroker.start(shared);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * Mosquitto 2.0 closes the older connection without DISCONNECT, even under MQTT 5 (where other brokers send 0x8E
     * session taken over); two such closes in a row, each soon after connecting, are the sign.
     */
    @ParameterizedTest
    @ValueSource(strings = {"5", "3.1.1"})
    void twoSilentClosesSoonAfterConnectingAreTakenForAnotherClientWithTheSameId(String protocol) throws Exception {
        String keys = KEYS.formatted(protocol);
        String suffix = protocol.replace(".", "");
        try (MqttSink first = broker.sink("first" + suffix, keys); MqttSink second = broker.sink("second" + suffix, keys)) {
            first.open();
            second.open();
            await().atMost(LIMIT).until(() -> !first.connected());
            first.open(); // one silent close may be anything: reconnect
            await().atMost(LIMIT).until(() -> !second.connected());
            second.open();
            await().atMost(LIMIT).until(() -> !first.connected());

            Throwable sendFailure = catchThrowable(() -> first.send(oneReading()).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(sendFailure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(IOException.class).hasNoCause();
            assertThat(catchThrowable(first::open)).isInstanceOf(IOException.class)
                    .hasMessageContaining("another client is probably using client_id gw-shared")
                    .hasMessageContaining("give every agent a client_id of its own");
            assertThat(second.connected()).as("the refused open left the other client alone").isTrue();

            first.open(); // after the runner's backoff: one refusal for the first takeover, then it tries again
            assertThat(first.connected()).isTrue();
        }
    }

    private static Batch oneReading() {
        return new Batch(List.of(new StoredReading(new ReadingId("gw-test", "ep", 0),
                Reading.of("boiler", "temperature", Value.of(1.0), "Cel", Instant.EPOCH))));
    }
}
