package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.RejectedBatchException;
import dev.ferry.sink.coap.support.RecordingCoapServer;
import dev.ferry.sink.coap.support.RecordingCoapServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each class of answer does to a send: 2.xx completes it, 5.xx fails it (the runner retries with backoff),
 * 4.xx sets the refused readings aside and moves on, or fails like a 5.xx under {@code on_client_error: retry}.
 * Failures name the code and quote the server's diagnostic payload.
 */
class ResponseCodesTest {

    @TempDir
    Path dir;

    RecordingCoapServer server;
    TestSinks.Reports reports = new TestSinks.Reports();

    @BeforeEach
    void startServer() throws Exception {
        server = RecordingCoapServer.plain();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aServerErrorFailsTheSendWithTheCodeAndDiagnosticAndTheSameIdsGoAgain() throws Exception {
        CoapSink sink = sink("");
        try {
            sink.open();
            server.answer(r -> new Answer(ResponseCode.SERVICE_UNAVAILABLE, "overloaded, try later"));
            assertThat(failure(sink.send(TestSinks.readings(0, 4)).toCompletableFuture())).isEqualTo("coap://127.0.0.1:"
                    + server.port() + "/ferry/in answered 5.03 Service Unavailable: \"overloaded, try later\"");
            assertThat(sink.connection().broken()).as("the server answered: the connection stays").isFalse();

            server.answer(r -> Answer.CHANGED);
            sink.open();
            sink.send(TestSinks.readings(0, 4)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(server.ids()).containsExactlyElementsOf(TestSinks.ids(0, 4));
        } finally {
            sink.close();
        }
    }

    @Test
    void aClientErrorSetsTheRefusedReadingsAsideAndTellsTheRunnerToMoveOn() throws Exception {
        CoapSink sink = sink("    max_readings: 5\n");
        Path quarantine = dir.resolve("plugins/upstream/quarantine.jsonl");
        String refusal = "coap://127.0.0.1:" + server.port() + "/ferry/in answered 4.00 Bad Request: \"unknown sensor m0\";"
                + " set aside in " + quarantine;
        try {
            sink.open();
            server.answer(r -> r.ids().contains(TestSinks.ids(3, 1).getFirst()) || r.ids().contains(TestSinks.ids(13, 1).getFirst())
                    ? new Answer(ResponseCode.BAD_REQUEST, "unknown sensor m0") : Answer.CHANGED);
            for (int first : new int[] {0, 10}) {
                Throwable failure = failureOf(sink.send(TestSinks.readings(first, 10)).toCompletableFuture());
                assertThat(failure).as("the same message for the same answer, so a run of refusals is logged once")
                        .isInstanceOf(RejectedBatchException.class).hasMessage(refusal);
                assertThat(((RejectedBatchException) failure).entries()).isEqualTo(5);
            }
        } finally {
            sink.close();
        }
        assertThat(server.ids()).as("the rest of each batch was delivered")
                .containsExactlyElementsOf(concat(TestSinks.ids(5, 5), TestSinks.ids(15, 5)));
        assertThat(reports.all).as("the runner reports the refusal, not the sink").isEmpty();
        assertThat(sink.refusals().refusals()).isEqualTo(2);
        assertThat(sink.refusals().keptReadings()).isEqualTo(10);
        List<String> lines = Files.readAllLines(quarantine);
        assertThat(lines).hasSize(12);
        assertThat(lines.getFirst()).startsWith("{\"refused\":\"4.00\",\"reason\":\"coap://127.0.0.1:" + server.port()
                + "/ferry/in answered 4.00 Bad Request: \\\"unknown sensor m0\\\"\",\"first_seq\":0,\"last_seq\":4,\"time\":\"");
        assertThat(lines.get(1)).startsWith("{\"id\":\"" + TestSinks.ids(0, 1).getFirst() + "\",\"seq\":0,");
        assertThat(lines.get(6)).contains("\"first_seq\":10,\"last_seq\":14");
    }

    @Test
    void underTheRetryPolicyAClientErrorFailsTheSendEveryTime() throws Exception {
        CoapSink sink = sink("    on_client_error: retry\n");
        try {
            sink.open();
            server.answer(r -> new Answer(ResponseCode.FORBIDDEN, "gw-test may not write here"));
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThat(failure(sink.send(TestSinks.readings(0, 3)).toCompletableFuture())).isEqualTo("coap://127.0.0.1:"
                        + server.port() + "/ferry/in answered 4.03 Forbidden: \"gw-test may not write here\"");
            }
        } finally {
            sink.close();
        }
        assertThat(sink.refusals().refusals()).isZero();
        assertThat(dir.resolve("plugins/upstream/quarantine.jsonl")).doesNotExist();
    }

    @Test
    void aFullQuarantineCountsRefusedReadingsWithoutKeepingThem() throws Exception {
        CoapSink sink = sink("    quarantine_max: 100B\n");
        try {
            sink.open();
            server.answer(r -> new Answer(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, ""));
            assertThat(failureOf(sink.send(TestSinks.readings(0, 3)).toCompletableFuture()))
                    .isInstanceOf(RejectedBatchException.class).hasMessageContaining("answered 4.15 Unsupported Content Format;")
                    .hasMessageEndingWith("not kept, as " + dir.resolve("plugins/upstream/quarantine.jsonl") + " is full");
        } finally {
            sink.close();
        }
        assertThat(sink.refusals().skippedReadings()).isEqualTo(3);
    }

    private CoapSink sink(String keys) throws Exception {
        return TestSinks.create(dir, "    url: coap://127.0.0.1:" + server.port() + "/ferry/in\n" + keys, reports);
    }

    private static String failure(CompletableFuture<Void> send) throws Exception {
        return failureOf(send).getMessage();
    }

    private static Throwable failureOf(CompletableFuture<Void> send) throws Exception {
        try {
            send.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the send succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
