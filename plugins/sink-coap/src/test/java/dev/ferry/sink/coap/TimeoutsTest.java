package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that takes datagrams and never answers: the request is retransmitted {@code max_retransmit} times and then
 * fails, or fails earlier at {@code request_timeout}; either way the connection is marked for replacement.
 */
class TimeoutsTest {

    @TempDir
    Path dir;

    @Test
    void aRequestFailsAfterItsRetransmissions() throws Exception {
        try (SilentServer server = new SilentServer()) {
            String reason = failedSend(server, "    ack_timeout: 100ms\n    max_retransmit: 2\n");
            assertThat(reason).isEqualTo("coap://127.0.0.1:" + server.port() + ": no answer after 2 retransmissions; is the"
                    + " server up and reachable?");
            assertThat(server.datagrams.get()).as("the request and its retransmissions").isEqualTo(3);
        }
    }

    @Test
    void aRequestFailsAtTheRequestTimeoutEvenWhileRetransmissionsRemain() throws Exception {
        try (SilentServer server = new SilentServer()) {
            String reason = failedSend(server, "    ack_timeout: 10s\n    request_timeout: 300ms\n");
            assertThat(reason).isEqualTo("coap://127.0.0.1:" + server.port() + ": no response within request_timeout 300ms");
        }
    }

    private String failedSend(SilentServer server, String keys) throws Exception {
        CoapSink sink = TestSinks.create(dir, "    url: coap://127.0.0.1:" + server.port() + "/ferry/in\n" + keys,
                new TestSinks.Reports());
        try {
            sink.open();
            ExecutionException failed = catchThrowableOfType(ExecutionException.class,
                    () -> sink.send(TestSinks.readings(0, 3)).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertThat(sink.connection().broken()).as("replaced at the next opening").isTrue();
            return failed.getCause().getMessage();
        } finally {
            sink.close();
        }
    }

    /** Counts what it receives and answers nothing. */
    private static final class SilentServer implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final AtomicInteger datagrams = new AtomicInteger();

        SilentServer() throws Exception {
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        socket.receive(new DatagramPacket(buffer, buffer.length));
                        datagrams.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
