package dev.ferry.sink.coap.support;

import dev.ferry.coap.CoapConfigurations;
import dev.ferry.testkit.pki.Issued;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * A Californium CoAP server on a loopback port with one resource, {@code /ferry/in}, that takes POST and PUT of
 * readings and records every request: who sent it, its content-format and its whole payload (Californium puts
 * block-wise transfers together first). Plain, or DTLS with certificates (client certificate required) or a
 * pre-shared key, with Connection IDs. Counts completed handshakes and Block1 messages. A test chooses the answers.
 */
public final class RecordingCoapServer implements AutoCloseable {

    /**
     * What the server received in one request.
     *
     * @param client the client's authenticated identity (its certificate's subject, its PSK identity); empty for plain
     */
    public record Received(InetSocketAddress peer, String client, String method, int contentFormat, byte[] payload) {
        public List<String> ids() {
            return Payloads.ids(payload, contentFormat);
        }
    }

    /** How to answer a request: a code and a diagnostic payload. */
    public record Answer(ResponseCode code, String diagnostic) {
        public static final Answer CHANGED = new Answer(ResponseCode.CHANGED, "");
    }

    private final Setup setup;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger block1Messages = new AtomicInteger();
    private volatile Function<Received, Answer> answers = r -> Answer.CHANGED;
    private CoapServer server;
    private int port;

    private record Setup(Issued certificate, X509Certificate ca, String pskIdentity, byte[] pskKey, int cidLength) {}

    private RecordingCoapServer(Setup setup) {
        this.setup = setup;
    }

    public static RecordingCoapServer plain() throws IOException {
        return new RecordingCoapServer(new Setup(null, null, null, null, 0)).start(0);
    }

    /** DTLS, requiring a client certificate from {@code ca}; Connection IDs of {@code cidLength} bytes (0: none). */
    public static RecordingCoapServer certificates(Issued certificate, X509Certificate ca, int cidLength) throws IOException {
        return new RecordingCoapServer(new Setup(certificate, ca, null, null, cidLength)).start(0);
    }

    public static RecordingCoapServer psk(String identity, byte[] key, int cidLength) throws IOException {
        return new RecordingCoapServer(new Setup(null, null, identity, key, cidLength)).start(0);
    }

    private RecordingCoapServer start(int wantedPort) throws IOException {
        Configuration config = CoapConfigurations.fresh();
        config.set(org.eclipse.californium.core.config.CoapConfig.MAX_RESOURCE_BODY_SIZE, 1 << 20);
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort);
        CoapEndpoint.Builder endpoint = new CoapEndpoint.Builder().setConfiguration(config);
        if (setup.certificate() == null && setup.pskIdentity() == null) {
            endpoint.setInetSocketAddress(bind);
        } else {
            config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
            config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, setup.cidLength() > 0 ? setup.cidLength() : null);
            DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(config).setAddress(bind)
                    .setSessionListener(new SessionAdapter() {
                        @Override
                        public void handshakeCompleted(Handshaker handshaker) {
                            handshakes.incrementAndGet();
                        }
                    });
            if (setup.certificate() != null) {
                dtls.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
                dtls.setCertificateIdentityProvider(new SingleCertificateProvider(setup.certificate().privateKey(),
                        setup.certificate().chain().toArray(X509Certificate[]::new), CertificateType.X_509));
                dtls.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedCertificates(setup.ca()).build());
            } else {
                dtls.setAdvancedPskStore(new AdvancedSinglePskStore(setup.pskIdentity(), setup.pskKey()));
            }
            endpoint.setConnector(new DTLSConnector(dtls.build()));
        }
        CoapEndpoint built = endpoint.build();
        built.addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void receiveRequest(Request request) {
                if (request.getOptions().hasBlock1()) {
                    block1Messages.incrementAndGet();
                }
            }
        });
        CoapServer created = new CoapServer(config);
        created.addEndpoint(built);
        created.add(new CoapResource("ferry").add(new Recorder("in")));
        created.start();
        server = created;
        port = built.getAddress().getPort();
        return this;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Answers each request with what {@code answers} returns for it; the default is 2.04 Changed. */
    public void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every reading ID received, re-deliveries included. */
    public List<String> ids() {
        return received.stream().flatMap(r -> r.ids().stream()).toList();
    }

    public Set<InetSocketAddress> peers() {
        return Set.copyOf(received.stream().map(Received::peer).toList());
    }

    public int handshakes() {
        return handshakes.get();
    }

    public int block1Messages() {
        return block1Messages.get();
    }

    /** Stops answering; DTLS sessions and block-wise transfers in progress are forgotten, as by a crash. */
    public synchronized void stop() {
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    /** Starts again on the same port, with no memory of earlier sessions. */
    public synchronized void restart() throws IOException {
        stop();
        start(port);
    }

    @Override
    public void close() {
        stop();
    }

    private final class Recorder extends CoapResource {
        Recorder(String name) {
            super(name);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            record(exchange, "POST");
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            record(exchange, "PUT");
        }

        private void record(CoapExchange exchange, String method) {
            Principal identity = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
            Received request = new Received(exchange.getSourceSocketAddress(), identity == null ? "" : identity.getName(), method,
                    exchange.getRequestOptions().getContentFormat(), exchange.getRequestPayload());
            Answer answer = answers.apply(request);
            if (answer.code().isSuccess()) {
                try {
                    request.ids(); // a payload a consumer cannot read is not a delivery
                } catch (RuntimeException unreadable) {
                    exchange.respond(ResponseCode.BAD_REQUEST, "cannot read the payload: " + unreadable.getMessage());
                    return;
                }
                received.add(request);
            }
            exchange.respond(answer.code(), answer.diagnostic());
        }
    }
}
