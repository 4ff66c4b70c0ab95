package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.sink.coap.support.RecordingCoapServer;
import dev.ferry.sink.coap.support.RecordingCoapServer.Received;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client certificate rotated on disk is used from the next handshake on: a working session carries on with the
 * old one, and the connector made after a failure (here the server's restart) presents the new one.
 */
class CertificateRotationTest {

    @TempDir
    Path dir;

    @Test
    void theNextHandshakeAfterAFailurePresentsTheRotatedCertificate() throws Exception {
        TestPki pki = TestPki.create(dir);
        Issued old = pki.client("gw-old").issue();
        Issued rotated = pki.client("gw-new").issue();
        Path cert = dir.resolve("client.crt");
        Path key = dir.resolve("client.key");
        install(old, cert, key);
        SteppedClock clock = new SteppedClock();
        try (RecordingCoapServer server = RecordingCoapServer.certificates(pki.server("localhost"), pki.caCertificate(), 0)) {
            CoapSink sink = TestSinks.create(dir, """
                        url: coaps://localhost:%d/ferry/in
                        ack_timeout: 300ms
                        max_retransmit: 2
                        tls:
                          ca: %s
                          cert: %s
                          key: %s
                          reload_check: 1m
                    """.formatted(server.port(), pki.caFile(), cert, key), new TestSinks.Reports(), clock);
            try {
                sink.open();
                send(sink, 0);
                install(rotated, cert, key);
                clock.advance(Duration.ofMinutes(2));
                send(sink, 5);

                server.restart();
                ExecutionException lost = catchThrowableOfType(ExecutionException.class, () -> send(sink, 10));
                assertThat(lost.getCause()).hasMessageContaining("no answer after 2 retransmissions");
                sink.open();
                send(sink, 10);
            } finally {
                sink.close();
            }
            assertThat(server.received()).extracting(Received::client).hasSize(3).satisfiesExactly(
                    first -> assertThat(first).contains("CN=gw-old"),
                    second -> assertThat(second).as("a working session is kept").contains("CN=gw-old"),
                    third -> assertThat(third).as("the new handshake").contains("CN=gw-new"));
        }
    }

    private static void install(Issued issued, Path cert, Path key) throws Exception {
        Files.copy(issued.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(issued.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void send(CoapSink sink, long firstSeq) throws Exception {
        sink.send(TestSinks.readings(firstSeq, 5)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The real time plus what the test added: the reload interval passes without waiting. */
    private static final class SteppedClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration step) {
            ahead = ahead.plus(step);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
