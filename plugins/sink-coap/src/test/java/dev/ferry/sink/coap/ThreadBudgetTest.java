package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.sink.coap.support.RecordingCoapServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform threads a sink's endpoint costs, for the agent's memory budget: Californium's stages and timers run
 * on one virtual thread, so what is left are the socket threads Californium makes itself: a receiver and a sender
 * for plain UDP, a receiver for DTLS. Closing the sink ends them.
 */
class ThreadBudgetTest {

    @TempDir
    Path dir;

    @Test
    void plainCoapCostsTwoPlatformThreads() throws Exception {
        try (RecordingCoapServer server = RecordingCoapServer.plain()) {
            assertThreads("    url: coap://127.0.0.1:" + server.port() + "/ferry/in\n", 2);
        }
    }

    @Test
    void dtlsCostsOnePlatformThread() throws Exception {
        try (RecordingCoapServer server = RecordingCoapServer.psk("gw-01", "k".getBytes(StandardCharsets.UTF_8), 0)) {
            assertThreads("""
                        url: coaps://127.0.0.1:%d/ferry/in
                        psk: {identity: gw-01, key: k}
                    """.formatted(server.port()), 1);
        }
    }

    private void assertThreads(String keys, int expected) throws Exception {
        warmUpTheJdksOwnThreads();
        sendOnce(keys); // the server in this JVM starts its own threads at its first request
        Set<Thread> before = platformThreads();
        CoapSink sink = TestSinks.create(dir, keys, new TestSinks.Reports());
        try {
            sink.open();
            sink.send(TestSinks.readings(0, 3)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            Set<String> started = platformThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                    .collect(Collectors.toSet());
            assertThat(started).as("platform threads started by the sink").hasSize(expected);
        } finally {
            sink.close();
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(platformThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName).toList())
                        .as("platform threads left after closing").isEmpty());
    }

    private void sendOnce(String keys) throws Exception {
        CoapSink sink = TestSinks.create(dir, keys, new TestSinks.Reports());
        try {
            sink.open();
            sink.send(TestSinks.readings(0, 1)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            sink.close();
        }
    }

    /**
     * {@link Thread#getAllStackTraces()} lists live platform threads only, never virtual ones. The carriers of the
     * JDK's virtual-thread scheduler are left out: the whole agent shares them, and their number follows the load.
     */
    private static Set<Thread> platformThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !(t instanceof ForkJoinWorkerThread))
                .collect(Collectors.toSet());
    }

    /** Starts what the JDK starts once per process for virtual threads, so it is not counted against the sink. */
    private static void warmUpTheJdksOwnThreads() throws InterruptedException {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).join();
    }
}
