package dev.ferry.sink.coap;

import dev.ferry.api.Batch;
import dev.ferry.api.Nullable;
import dev.ferry.api.PluginContext;
import dev.ferry.api.RejectedBatchException;
import dev.ferry.api.Sink;
import dev.ferry.sink.coap.CoapSinkConfig.ClientErrorPolicy;
import dev.ferry.sink.coap.internal.CoapConnection;
import dev.ferry.sink.coap.internal.Credentials;
import dev.ferry.sink.coap.internal.Part;
import dev.ferry.sink.coap.internal.PayloadSplitter;
import dev.ferry.sink.coap.internal.Refusal;
import dev.ferry.sink.coap.internal.Refusals;
import dev.ferry.tls.ClientTls;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * 2.xx; a 4.xx under {@code on_client_error: quarantine} sets the request's readings aside and fails the stage with
 * a {@link RejectedBatchException} once the rest of the batch is delivered. Anything else fails the stage, and the
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
    private final PluginContext context;
    private final PayloadSplitter splitter;
    private final Refusals refusals;
    private volatile @Nullable CoapConnection connection;

    CoapSink(CoapSinkConfig config, ServerAddress server, @Nullable ClientTls tls, PluginContext context, Refusals refusals) {
        this.config = config;
        this.server = server;
        this.tls = tls;
        this.context = context;
        this.splitter = new PayloadSplitter(config.encoding(), config.maxPayload().bytes(), config.maxReadings());
        this.refusals = refusals;
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
                context.name());
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
        SetAside setAside = new SetAside();
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        for (Part part : parts) {
            sent = sent.thenCompose(previous -> deliver(current, part, setAside));
        }
        return sent.thenCompose(delivered -> setAside.entries == 0 ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.failedFuture(new RejectedBatchException(setAside.description, setAside.entries)));
    }

    /** The parts of one batch the server refused and the quarantine took; written by one request's completion at a time. */
    private static final class SetAside {
        private volatile int entries;
        private volatile String description = "";
    }

    private CompletableFuture<Void> deliver(CoapConnection current, Part part, SetAside setAside) {
        Request request = new Request(config.method() == CoapSinkConfig.Method.PUT ? CoAP.Code.PUT : CoAP.Code.POST,
                CoAP.Type.CON);
        request.setPayload(part.payload());
        request.getOptions().setContentFormat(config.encoding().contentFormat());
        return current.exchange(request, config.requestTimeout()).thenCompose(response -> judge(response, part, setAside));
    }

    private CompletableFuture<Void> judge(Response response, Part part, SetAside setAside) {
        if (response.isSuccess()) {
            return CompletableFuture.completedFuture(null);
        }
        Refusal refusal = Refusal.of(server.toString(), response);
        if (refusal.clientError() && config.onClientError() == ClientErrorPolicy.QUARANTINE) {
            return refusals.setAside(refusal, part).thenAccept(description -> {
                if (setAside.entries == 0) {
                    setAside.description = description;
                }
                setAside.entries += part.entries().size();
            });
        }
        return CompletableFuture.failedFuture(refusal);
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

    /** What the server refused and where it went, for tests and metrics. */
    Refusals refusals() {
        return refusals;
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
