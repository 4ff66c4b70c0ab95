package dev.ferry.sink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.StoredReading;
import dev.ferry.sink.coap.support.RecordingCoapServer;
import dev.ferry.sink.coap.support.RecordingCoapServer.Answer;
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
 * 4.xx refuses that request's readings for good (what becomes of them is the runtime's) and delivers the rest.
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
    void aClientErrorRefusesThatRequestsReadingsAndTheRestOfTheBatchIsDelivered() throws Exception {
        CoapSink sink = sink("    max_readings: 5\n");
        String reason = "coap://127.0.0.1:" + server.port() + "/ferry/in answered 4.00 Bad Request: \"unknown sensor m0\"";
        try {
            sink.open();
            server.answer(r -> r.ids().contains(TestSinks.ids(3, 1).getFirst()) || r.ids().contains(TestSinks.ids(13, 1).getFirst())
                    ? new Answer(ResponseCode.BAD_REQUEST, "unknown sensor m0") : Answer.CHANGED);
            for (int first : new int[] {0, 10}) {
                Throwable failure = failureOf(sink.send(TestSinks.readings(first, 10)).toCompletableFuture());
                assertThat(failure).as("the same message for the same answer, so a run of refusals is logged once")
                        .isInstanceOf(RefusedEntriesException.class).hasMessage(reason);
                List<RefusedEntriesException.Refused> refused = ((RefusedEntriesException) failure).refused();
                assertThat(refused).extracting(r -> ((StoredReading) r.entry()).id().toString())
                        .containsExactlyElementsOf(TestSinks.ids(first, 5));
                assertThat(refused).extracting(RefusedEntriesException.Refused::refusal).containsOnly(new Refusal("coap_4.00", reason));
            }
        } finally {
            sink.close();
        }
        assertThat(server.ids()).as("the rest of each batch was delivered")
                .containsExactlyElementsOf(concat(TestSinks.ids(5, 5), TestSinks.ids(15, 5)));
        assertThat(reports.all).as("the runner reports the refusal, not the sink").isEmpty();
        assertThat(dir.resolve("plugins/upstream")).as("the sink keeps no file of its own").doesNotExist();
    }

    @Test
    void tooManyRequestsIsNoRefusalButATransientFailure() throws Exception {
        CoapSink sink = sink("");
        try {
            sink.open();
            server.answer(r -> new Answer(ResponseCode.TOO_MANY_REQUESTS, "slow down"));
            Throwable failure = failureOf(sink.send(TestSinks.readings(0, 3)).toCompletableFuture());
            assertThat(failure).isNotInstanceOf(RefusedEntriesException.class).hasMessageContaining("4.29 Too Many Requests");
        } finally {
            sink.close();
        }
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
