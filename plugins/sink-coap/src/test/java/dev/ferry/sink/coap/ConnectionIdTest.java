package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sink.coap.support.RebindingUdpRelay;
import dev.ferry.sink.coap.support.RecordingCoapServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NAT rebinding between two sends: the server sees the client on a new address. With DTLS Connection IDs the
 * session carries on without a handshake; without them the records from the new address are strangers to the
 * server, the request times out, and only a new handshake brings the sink back.
 */
class ConnectionIdTest {

    private static final byte[] KEY = "cid-test-key".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void withConnectionIdsTheSessionSurvivesANatRebindingWithoutANewHandshake() throws Exception {
        try (RecordingCoapServer server = RecordingCoapServer.psk("gw-01", KEY, 6);
                RebindingUdpRelay nat = RebindingUdpRelay.start(server.address())) {
            CoapSink sink = sink(nat, "");
            try {
                sink.open();
                send(sink, 0);
                int before = nat.outerPort();
                nat.rebind();
                send(sink, 5);
                assertThat(nat.outerPort()).isNotEqualTo(before);
                assertThat(sink.connection().broken()).isFalse();
            } finally {
                sink.close();
            }
            assertThat(server.handshakes()).as("handshakes").isEqualTo(1);
            assertThat(server.peers()).as("addresses the server saw the client at").hasSize(2);
            assertThat(server.ids()).containsExactlyElementsOf(TestSinks.ids(0, 10));
        }
    }

    @Test
    void withoutConnectionIdsARebindingCostsATimeoutAndANewHandshake() throws Exception {
        try (RecordingCoapServer server = RecordingCoapServer.psk("gw-01", KEY, 6);
                RebindingUdpRelay nat = RebindingUdpRelay.start(server.address())) {
            CoapSink sink = sink(nat, "    connection_id: false\n");
            try {
                sink.open();
                send(sink, 0);
                nat.rebind();
                ExecutionException failed = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                        () -> send(sink, 5));
                assertThat(failed.getCause()).hasMessageContaining("no answer after 3 retransmissions");
                assertThat(sink.connection().broken()).isTrue();
                sink.open();
                send(sink, 5);
            } finally {
                sink.close();
            }
            assertThat(server.handshakes()).as("handshakes").isEqualTo(2);
            assertThat(server.ids()).containsExactlyElementsOf(TestSinks.ids(0, 10));
        }
    }

    private CoapSink sink(RebindingUdpRelay nat, String keys) throws Exception {
        InetSocketAddress via = nat.address();
        return TestSinks.create(dir, """
                    url: coaps://127.0.0.1:%d/ferry/in
                    ack_timeout: 300ms
                    max_retransmit: 3
                    psk:
                      identity: gw-01
                      key: cid-test-key
                """.formatted(via.getPort()) + keys, new TestSinks.Reports());
    }

    private static void send(CoapSink sink, long firstSeq) throws Exception {
        sink.send(TestSinks.readings(firstSeq, 5)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
