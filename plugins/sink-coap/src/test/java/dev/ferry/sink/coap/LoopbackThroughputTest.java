package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sink.coap.support.RecordingCoapServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backlog drained over DTLS on loopback, one request at a time (NSTART 1), with the default payload limits: every
 * reading arrives once and in order. The rate is logged for the README's idea of throughput, not asserted.
 */
class LoopbackThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(LoopbackThroughputTest.class);
    private static final int BATCHES = 100;

    @TempDir
    Path dir;

    @Test
    void aBacklogDrainsInOrderWithoutLossOrRepeat() throws Exception {
        try (RecordingCoapServer server = RecordingCoapServer.psk("gw-01", "k".getBytes(StandardCharsets.UTF_8), 4)) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coaps://127.0.0.1:%d/ferry/in
                        psk: {identity: gw-01, key: k}
                    """.formatted(server.port()), new TestSinks.Reports());
            int size = sink.maxBatchSize();
            long started;
            try {
                sink.open();
                started = System.nanoTime();
                for (int i = 0; i < BATCHES; i++) {
                    sink.send(TestSinks.readings((long) i * size, size)).toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
            } finally {
                sink.close();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("{} readings in {} requests over DTLS on loopback in {} ms: about {} readings/s",
                    BATCHES * size, server.received().size(), Math.round(seconds * 1000), Math.round(BATCHES * size / seconds));
            assertThat(server.ids()).containsExactlyElementsOf(TestSinks.ids(0, BATCHES * size));
        }
    }
}
