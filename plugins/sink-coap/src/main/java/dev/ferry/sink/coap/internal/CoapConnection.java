package dev.ferry.sink.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.sink.coap.CoapSinkConfig;
import dev.ferry.tls.TlsMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;

/**
 * One client endpoint talking to one server, from {@link #open} to {@link #close}: a UDP socket, for coaps:// with
 * its DTLS session. A request's stage completes with the server's response, whatever its code, or fails with a
 * reason a person can read. A failure of the transport itself (no answer, handshake refused) marks the connection
 * {@link #broken()}, so the sink replaces it, with a fresh handshake, instead of sending into a dead session.
 * Thread-safe.
 */
public final class CoapConnection implements AutoCloseable {

    private final String server;
    private final URI uri;
    private final EndpointContext destination;
    private final @Nullable Credentials credentials;
    private final ScheduledExecutorService executor;
    private final CoapEndpoint endpoint;
    private final int retransmissions;
    private final @Nullable TlsMetrics tlsMetrics;
    private volatile boolean broken;

    private CoapConnection(String server, URI uri, EndpointContext destination, @Nullable Credentials credentials,
            ScheduledExecutorService executor, CoapEndpoint endpoint, int retransmissions, @Nullable TlsMetrics tlsMetrics) {
        this.tlsMetrics = tlsMetrics;
        this.server = server;
        this.uri = uri;
        this.destination = destination;
        this.credentials = credentials;
        this.executor = executor;
        this.endpoint = endpoint;
        this.retransmissions = retransmissions;
    }

    /**
     * Resolves the host (again at each opening, so a changed DNS entry is followed), starts an endpoint and, for
     * DTLS, completes the handshake with a CoAP ping, so that a refused certificate or key shows at opening.
     *
     * @param credentials null for plain CoAP
     * @param serverName the name for SNI and the certificate check; null when the URL holds an address
     * @param tlsMetrics where failed DTLS handshakes are counted by reason; null for plain CoAP
     */
    public static CoapConnection open(CoapSinkConfig config, URI uri, String host, int port, @Nullable Credentials credentials,
            @Nullable String serverName, String tag, @Nullable TlsMetrics tlsMetrics) throws IOException {
        String server = uri.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IOException(server + ": cannot resolve " + host, e);
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofVirtual().name("coap-" + tag + "-", 0).factory());
        executor.setRemoveOnCancelPolicy(true); // a request's timeout is cancelled on every response
        CoapConnection connection;
        try {
            CoapEndpoint endpoint = EndpointFactory.create(config, credentials, serverName,
                    serverName != null ? serverName : address.getAddress().getHostAddress(), tag, executor);
            connection = new CoapConnection(server, uri, new AddressEndpointContext(address, serverName, null), credentials,
                    executor, endpoint, config.maxRetransmit(), tlsMetrics);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw new IOException(server + ": cannot set up the endpoint: " + DtlsFailures.innermost(e), e);
        }
        try {
            connection.endpoint.start();
            if (credentials != null) {
                connection.handshake(config.requestTimeout());
            }
        } catch (IOException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Sends {@code request} to the URL's resource; the stage fails after {@code timeout} without a response. */
    public CompletableFuture<Response> exchange(Request request, Duration timeout) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        request.setDestinationContext(destination);
        if (request.getCode() != null) { // a ping is an empty message: no token, no options
            request.setOptions(uri);
        }
        request.addMessageObserver(new Outcome(request, result));
        ScheduledFuture<?> timer = executor.schedule(() -> {
            if (fail(result, server + ": no response within request_timeout " + shortForm(timeout))) {
                request.cancel();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((response, failure) -> timer.cancel(false));
        endpoint.sendRequest(request);
        return result;
    }

    /** An empty confirmable message, which the server answers with a reset: over DTLS, it carries the handshake. */
    private void handshake(Duration timeout) throws IOException {
        Request ping = Request.newPing();
        ping.setToken(Token.EMPTY);
        CompletableFuture<Response> pong = exchange(ping, timeout);
        try {
            pong.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(DtlsFailures.innermost(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(server + ": interrupted during the DTLS handshake", e);
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 120s}: the way the key is written. */
    private static String shortForm(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
    }

    /** True once the transport failed: the next opening replaces this connection. */
    public boolean broken() {
        return broken;
    }

    /** The server as {@code coaps://host:port}, for messages. */
    public String server() {
        return server;
    }

    /** Where the endpoint is bound; its port changes with each opening. */
    public InetSocketAddress localAddress() {
        return endpoint.getAddress();
    }

    /**
     * Fails the stage unless something completed it first. The transport is marked failed before the stage
     * completes, so whoever waits on the stage sees the connection broken when it wakes.
     */
    private boolean fail(CompletableFuture<Response> result, String reason) {
        if (result.isDone()) {
            return false;
        }
        broken = true;
        return result.completeExceptionally(new IOException(reason));
    }

    @Override
    public void close() {
        endpoint.destroy();
        executor.shutdownNow();
    }

    /** Turns Californium's callbacks into the stage's outcome; the first one wins. */
    private final class Outcome extends MessageObserverAdapter {
        private final Request request;
        private final CompletableFuture<Response> result;

        Outcome(Request request, CompletableFuture<Response> result) {
            this.request = request;
            this.result = result;
        }

        @Override
        public void onResponse(Response response) {
            result.complete(response);
        }

        /** A reset answers a ping; to a request it means the server could not make sense of it. */
        @Override
        public void onReject() {
            if (request.getCode() == null) {
                result.complete(null);
            } else {
                fail(result, server + ": the server reset the request (RST)");
            }
        }

        @Override
        public void onTimeout() {
            fail(result, server + ": no answer after " + retransmissions + " retransmissions; is the server up and reachable?");
        }

        @Override
        public void onSendError(Throwable error) {
            String handshakeFailure = DtlsFailures.code(error);
            if (handshakeFailure != null && tlsMetrics != null) {
                tlsMetrics.failed(handshakeFailure);
            }
            String reason = credentials == null ? DtlsFailures.innermost(error) : DtlsFailures.explain(error, credentials.kind());
            fail(result, server + ": " + reason);
        }

        @Override
        public void onResponseHandlingError(Throwable error) {
            fail(result, server + ": cannot read the response: " + DtlsFailures.innermost(error));
        }

        @Override
        public void onCancel() {
            fail(result, server + ": request cancelled");
        }
    }
}
