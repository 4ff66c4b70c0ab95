package dev.ferry.bench.coap;

import dev.ferry.coap.CoapConfigurations;
import dev.ferry.coap.DtlsCredentials;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsConfigException;
import dev.ferry.tls.TlsIdentity;
import dev.ferry.tls.TlsSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * One simulated sub-device: a Californium client over DTLS with a device certificate from the benchmark's PKI. It
 * can close its session with close_notify and forget it, so that the next request starts a new handshake, as a device
 * does that opens a session per request.
 */
final class FleetDevice {

    private static final Duration CLOSE_NOTIFY_SENT = Duration.ofMillis(20);

    private final CoapClient client;
    private final DTLSConnector connector;
    private final InetSocketAddress gateway;
    private final Path pki;
    private final String name;
    private final String uri;
    private final InetSocketAddress bindTo;

    private FleetDevice(Path pki, String name, String uri, InetSocketAddress bindTo) throws IOException, TlsConfigException {
        this.pki = pki;
        this.name = name;
        this.uri = uri;
        this.bindTo = bindTo;
        TlsIdentity identity = ClientTls.load(TlsConfig.trusting(pki.resolve("ca.crt").toString())
                        .withIdentity(pki.resolve(name + ".crt").toString(), pki.resolve(name + ".key").toString(), null),
                TlsSetup.of(Path::of, Clock.systemUTC())).current();
        Configuration config = CoapConfigurations.fresh();
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        connector = new DTLSConnector(DtlsConnectorConfig.builder(config)
                .setAddress(bindTo)
                .setCertificateIdentityProvider(DtlsCredentials.certificateProvider(identity))
                .setAdvancedCertificateVerifier(DtlsCredentials.verifier(identity))
                .build());
        client = new CoapClient(uri);
        client.setEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build());
        client.setTimeout(60_000L);
        URI parsed = URI.create(uri);
        gateway = new InetSocketAddress(parsed.getHost(), parsed.getPort());
    }

    /** A device with certificate {@code name}, on any free port of the loopback address. */
    static FleetDevice of(Path pki, String name, String uri) throws IOException, TlsConfigException {
        return new FleetDevice(pki, name, uri, new InetSocketAddress("127.0.0.1", 0));
    }

    /** A device on a loopback address of its own, so that thousands of them never share an address and port. */
    static FleetDevice at(Path pki, String name, String uri, String loopbackAddress) throws IOException, TlsConfigException {
        return new FleetDevice(pki, name, uri, new InetSocketAddress(loopbackAddress, 0));
    }

    CoapClient client() {
        return client;
    }

    /**
     * Sends close_notify, stops this client and returns a new one for the same device: what a device does that
     * wakes, opens a session, sends and sleeps again, with nothing of the old session kept, so the next request
     * makes a full handshake. (Reusing the client after forgetting its session does not work: Californium matches
     * the next request to the forgotten session and refuses to send it.)
     */
    FleetDevice renewed() throws InterruptedException, IOException, TlsConfigException {
        connector.close(gateway);
        Thread.sleep(CLOSE_NOTIFY_SENT.toMillis()); // close() only queues the alert on the session's executor
        abandon();
        return new FleetDevice(pki, name, uri, new InetSocketAddress(bindTo.getAddress(), 0));
    }

    /** Stops the device without closing its session: the gateway keeps holding it, as for a device that sleeps. */
    void abandon() {
        client.getEndpoint().destroy();
        client.shutdown();
    }
}
