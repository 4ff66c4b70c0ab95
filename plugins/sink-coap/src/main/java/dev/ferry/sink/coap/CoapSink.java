package dev.ferry.sink.coap;

import dev.ferry.api.Batch;
import dev.ferry.api.Nullable;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.RefusedEntriesException.Refused;
import dev.ferry.api.Sink;
import dev.ferry.sink.coap.internal.CoapConnection;
import dev.ferry.sink.coap.internal.Credentials;
import dev.ferry.sink.coap.internal.Part;
import dev.ferry.sink.coap.internal.PayloadSplitter;
import dev.ferry.sink.coap.internal.ErrorResponse;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsMetrics;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionStage;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends readings to one CoAP server as confirmable requests. The runner calls {@link #open()} before the first send
 * and again after any failed one; {@link #send} cuts the batch into requests of at most {@code max_payload} bytes and
 * {@code max_readings} readings, sent one after another, and its stage completes once every one of them was answered
 * 2.xx. A 4.xx (but 4.29, which only asks to slow down) refuses that request's entries for good: the other requests
 * of the batch are still sent, and the stage then fails with a {@link RefusedEntriesException} naming the refused
 * entries, whose fate (dead letters, or held in the log) is the runtime's. Anything else fails the stage, and the
 * runner sends the same batch, with the same IDs, after a backoff.
 *
 * <p>A failure of the transport (no answer, a refused handshake) marks the connection broken; the next
 * {@link #open()} then replaces the endpoint, takes {@link ClientTls#current()} (so a rotated certificate is used
 * from that handshake on) and resolves the host again. A 4.xx or 5.xx keeps the connection: the server answered.
 */
final class CoapSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(CoapSink.class);

    private final CoapSinkConfig config;
    private final ServerAddress server;
    private final @Nullable ClientTls tls;
    private final @Nullable TlsMetrics tlsMetrics;
    private final PluginContext context;
    private final PayloadSplitter splitter;
    private volatile @Nullable CoapConnection connection;

    /** @param tlsMetrics where failed DTLS handshakes are counted; null for plain CoAP */
    CoapSink(CoapSinkConfig config, ServerAddress server, @Nullable ClientTls tls, @Nullable TlsMetrics tlsMetrics,
            PluginContext context) {
        this.config = config;
        this.server = server;
        this.tls = tls;
        this.tlsMetrics = tlsMetrics;
        this.context = context;
        this.splitter = new PayloadSplitter(config.encoding(), config.maxPayload().bytes(), config.maxReadings());
    }

    @Override
    public void open() throws IOException {
        CoapConnection current = connection;
        if (current != null && !current.broken()) {
            return;
        }
        connection = null;
        if (current != null) {
            current.close();
        }
        Credentials credentials = credentials();
        String serverName = credentials == null ? null : credentials.serverName(server.host(), server.literalAddress());
        CoapConnection opened = CoapConnection.open(config, server.uri(), server.host(), server.port(), credentials, serverName,
                context.name(), tlsMetrics);
        connection = opened;
        log.info("sink {}: sending to {} from {}{}", context.name(), server, opened.localAddress(),
                credentials == null ? "" : " (DTLS handshake done)");
    }

    /** The DTLS credentials for a new connector: the certificate files as they are now, or the pre-shared key. */
    private @Nullable Credentials credentials() {
        if (tls != null) {
            return new Credentials.Certificates(tls.current(), config.tls());
        }
        if (config.psk() != null) {
            return new Credentials.PreShared(config.psk());
        }
        return null;
    }

    @Override
    public CompletionStage<Void> send(Batch batch) {
        CoapConnection current = connection;
        if (current == null || current.broken()) {
            return CompletableFuture.failedFuture(new IOException("not connected to " + server));
        }
        List<Part> parts;
        try {
            parts = splitter.split(batch);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<Refused> refused = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        for (Part part : parts) {
            sent = sent.thenCompose(previous -> deliver(current, part, refused));
        }
        return sent.thenCompose(delivered -> refused.isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.failedFuture(new RefusedEntriesException(refused)));
    }

    private CompletableFuture<Void> deliver(CoapConnection current, Part part, List<Refused> refused) {
        Request request = new Request(config.method() == CoapSinkConfig.Method.PUT ? CoAP.Code.PUT : CoAP.Code.POST,
                CoAP.Type.CON);
        request.setPayload(part.payload());
        request.getOptions().setContentFormat(config.encoding().contentFormat());
        return current.exchange(request, config.requestTimeout()).thenCompose(response -> judge(response, part, refused));
    }

    private CompletableFuture<Void> judge(Response response, Part part, List<Refused> refused) {
        if (response.isSuccess()) {
            return CompletableFuture.completedFuture(null);
        }
        ErrorResponse error = ErrorResponse.of(server.toString(), response);
        if (error.clientError() && response.getCode() != CoAP.ResponseCode.TOO_MANY_REQUESTS) {
            Refusal refusal = new Refusal("coap_" + error.code(), error.getMessage());
            part.entries().forEach(entry -> refused.add(new Refused(entry, refusal)));
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.failedFuture(error);
    }

    /** One request outstanding per batch: {@code nstart} batches in flight keep at most NSTART requests open. */
    @Override
    public int maxBatchesInFlight() {
        return config.nstart();
    }

    @Override
    public int maxBatchSize() {
        return config.maxReadings();
    }

    /** The connection in use, null before the first opening and after closing. */
    @Nullable CoapConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        CoapConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }
}
