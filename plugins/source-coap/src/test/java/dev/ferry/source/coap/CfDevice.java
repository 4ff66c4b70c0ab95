package dev.ferry.source.coap;

import dev.ferry.api.Nullable;
import dev.ferry.coap.CoapConfigurations;
import dev.ferry.coap.DtlsCredentials;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsIdentity;
import dev.ferry.tls.TlsSetup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/** A sub-device on Californium: plain CoAP, DTLS with a certificate, or DTLS with a pre-shared key. */
final class CfDevice implements AutoCloseable {

    private static final long RESPONSE_LIMIT_MS = 30_000;

    private final CoapEndpoint endpoint;
    private final @Nullable DTLSConnector connector;

    private CfDevice(CoapEndpoint endpoint, @Nullable DTLSConnector connector) throws Exception {
        this.endpoint = endpoint;
        this.connector = connector;
        endpoint.start();
    }

    static CfDevice plain() throws Exception {
        return plain(c -> {});
    }

    static CfDevice plain(Consumer<Configuration> settings) throws Exception {
        Configuration config = settings(settings);
        return new CfDevice(CoapEndpoint.builder().setConfiguration(config).build(), null);
    }

    /** DTLS with {@code device}'s certificate, trusting {@code ca} for the gateway's. */
    static CfDevice certificate(Issued device, Path ca) throws Exception {
        return certificate(device, ca, c -> {});
    }

    static CfDevice certificate(Issued device, Path ca, Consumer<Configuration> settings) throws Exception {
        TlsIdentity identity = ClientTls.load(TlsConfig.trusting(ca.toString())
                        .withIdentity(device.certFile().toString(), device.keyFile().toString(), null),
                TlsSetup.of(Path::of, Clock.systemUTC())).current();
        Configuration config = settings(settings);
        DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(config)
                .setCertificateIdentityProvider(DtlsCredentials.certificateProvider(identity))
                .setAdvancedCertificateVerifier(DtlsCredentials.verifier(identity));
        return dtls(config, dtls);
    }

    static CfDevice psk(String identity, String key) throws Exception {
        return psk(identity, key, c -> {});
    }

    static CfDevice psk(String identity, String key, Consumer<Configuration> settings) throws Exception {
        Configuration config = settings(settings);
        DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.UTF_8)));
        return dtls(config, dtls);
    }

    private static CfDevice dtls(Configuration config, DtlsConnectorConfig.Builder dtls) throws Exception {
        DTLSConnector connector = new DTLSConnector(dtls.build());
        return new CfDevice(CoapEndpoint.builder().setConfiguration(config).setConnector(connector).build(), connector);
    }

    private static Configuration settings(Consumer<Configuration> settings) {
        Configuration config = CoapConfigurations.fresh();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        settings.accept(config);
        return config;
    }

    /** POSTs {@code payload} with {@code contentFormat} (-1: none) and waits for the response. */
    Outcome post(String uri, int contentFormat, byte[] payload) throws InterruptedException {
        Request request = Request.newPost();
        request.setURI(uri);
        if (contentFormat >= 0) {
            request.getOptions().setContentFormat(contentFormat);
        }
        request.setPayload(payload);
        return send(request);
    }

    Outcome post(String uri, int contentFormat, String payload) throws InterruptedException {
        return post(uri, contentFormat, payload.getBytes(StandardCharsets.UTF_8));
    }

    Outcome send(Request request) throws InterruptedException {
        return send(request, RESPONSE_LIMIT_MS);
    }

    /** Sends and waits up to {@code waitMillis}; a request still unanswered then is cancelled, as a device gives up. */
    Outcome send(Request request, long waitMillis) throws InterruptedException {
        endpoint.sendRequest(request);
        Response response = request.waitForResponse(waitMillis);
        if (response != null) {
            return new Outcome(response, null);
        }
        request.cancel();
        Throwable error = request.getSendError();
        return new Outcome(null, error != null ? error.toString()
                : request.isRejected() ? "rejected" : request.isTimedOut() ? "timed out" : "no response");
    }

    /** Forgets the DTLS session, so the next request starts a new handshake (as after a gateway restart). */
    void forgetSession() {
        if (connector != null) {
            connector.clearConnectionState();
        }
    }

    /** Closes the DTLS session with {@code gateway} as a device does before it sleeps: with close_notify. */
    void closeSession(InetSocketAddress gateway) {
        if (connector != null) {
            connector.close(gateway);
        }
    }

    @Override
    public void close() {
        endpoint.destroy();
    }

    /** A response, or why there was none. */
    record Outcome(@Nullable Response response, @Nullable String failure) {

        /** The code as CoAP writes it, e.g. {@code 2.04}; {@code none} without a response. */
        String code() {
            return response == null ? "none" : response.getCode().codeClass + "." + String.format("%02d",
                    response.getCode().codeDetail);
        }

        String diagnostic() {
            return response == null ? "" : response.getPayloadString();
        }

        @Override
        public String toString() {
            return response == null ? "no response: " + failure : code() + " " + diagnostic();
        }
    }
}
