package dev.ferry.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Ending a connection while many threads publish into it: every future completes, closed() completes, nobody hangs. */
class ConcurrentEndTest {

    @TempDir
    static Path dir;
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = MosquittoBroker.builder(dir).maxInflightMessages(50).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @RepeatedTest(15)
    void closingWhilePublishersRaceCompletesEveryFuture() throws Exception {
        MqttConnection client = MqttConnection.connect(MqttConnectOptions.builder(broker.host(), broker.port())
                .clientId("racer").maxInFlight(50).build());
        Queue<CompletableFuture<Void>> futures = new ConcurrentLinkedQueue<>();
        CountDownLatch publishing = new CountDownLatch(4);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 4; t++) {
                int qos = t % 2;
                threads.submit(() -> {
                    publishing.countDown();
                    for (int i = 0; i < 20_000 && client.isOpen(); i++) {
                        futures.add(client.publish(MqttPublish.of("race/" + qos, new byte[50], qos)));
                    }
                    futures.add(client.publish(MqttPublish.of("race/after", new byte[1], 1)));
                    return null;
                });
            }
            publishing.await();
            await().atMost(Duration.ofSeconds(10)).until(() -> futures.size() > 500); // publishers are in full swing
            if (futures.size() % 2 == 0) {
                client.close();
            } else {
                client.disconnect(MqttReasonCodes.NORMAL_DISCONNECTION, "");
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(10, SECONDS)).isTrue();
        }

        assertThat(client.closed().get(10, SECONDS).cause()).isEqualTo(DisconnectInfo.Cause.CLIENT);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((ok, failed) -> null).get(10, SECONDS);
        assertThat(List.copyOf(futures)).allMatch(CompletableFuture::isDone);
    }
}
