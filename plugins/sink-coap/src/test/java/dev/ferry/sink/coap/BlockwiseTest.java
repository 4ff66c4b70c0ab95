package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sink.coap.support.Payloads;
import dev.ferry.sink.coap.support.RecordingCoapServer;
import dev.ferry.sink.coap.support.RecordingCoapServer.Received;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches larger than one block travel block-wise (RFC 7959 Block1) and arrive whole; small ones travel alone. */
class BlockwiseTest {

    @TempDir
    Path dir;

    @Test
    void aBatchLargerThanOneBlockArrivesWholeInOneRequest() throws Exception {
        try (RecordingCoapServer server = RecordingCoapServer.plain()) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coap://127.0.0.1:%d/ferry/in
                        max_payload: 16KiB
                        max_readings: 200
                        block_size: 256B
                    """.formatted(server.port()), new TestSinks.Reports());
            try {
                sink.open();
                sink.send(TestSinks.readings(0, 200)).toCompletableFuture().get(60, TimeUnit.SECONDS);
            } finally {
                sink.close();
            }
            assertThat(server.received()).hasSize(1);
            Received request = server.received().getFirst();
            assertThat(request.payload().length).as("the pack is many blocks long").isGreaterThan(4 * 256);
            assertThat(server.block1Messages()).as("Block1 messages").isGreaterThanOrEqualTo(request.payload().length / 256);
            assertThat(request.contentFormat()).isEqualTo(Payloads.SENML_CBOR);
            assertThat(request.ids()).containsExactlyElementsOf(TestSinks.ids(0, 200));
        }
    }

    @Test
    void readingsBeyondMaxPayloadGoInFurtherRequestsEachWithinOneBlock() throws Exception {
        try (RecordingCoapServer server = RecordingCoapServer.plain()) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coap://127.0.0.1:%d/ferry/in
                        max_payload: 512B
                        block_size: 512B
                        encoding: senml-json
                    """.formatted(server.port()), new TestSinks.Reports());
            try {
                sink.open();
                sink.send(TestSinks.readings(0, 60)).toCompletableFuture().get(60, TimeUnit.SECONDS);
            } finally {
                sink.close();
            }
            assertThat(server.received()).hasSizeGreaterThan(1)
                    .allSatisfy(r -> assertThat(r.payload().length).isLessThanOrEqualTo(512))
                    .allSatisfy(r -> assertThat(r.contentFormat()).isEqualTo(Payloads.SENML_JSON));
            assertThat(server.block1Messages()).isZero();
            assertThat(server.ids()).containsExactlyElementsOf(TestSinks.ids(0, 60));
        }
    }
}
