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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.Connection;

/**
 * One simulated sub-device: a Californium client over DTLS with a device certificate from the benchmark's PKI. It
 * can close its session with close_notify and wait until its side has forgotten it, so that the next request starts
 * a new handshake, as a device does that opens a session per request.
 */
final class FleetDevice {

    private final CoapClient client;
    private final DTLSConnector connector;
    private final InetSocketAddress gateway;
    private final Semaphore removed = new Semaphore(0);

    private FleetDevice(Path pki, String name, String uri, InetSocketAddress bindTo) throws IOException, TlsConfigException {
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
                .setConnectionListener(new RemovalListener())
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

    /** Sends close_notify and waits until the session is gone on this side; false if it did not go within 5 s. */
    boolean closeSession() throws InterruptedException {
        removed.drainPermits();
        connector.close(gateway);
        return removed.tryAcquire(5, TimeUnit.SECONDS);
    }

    /** Stops the device without closing its session: the gateway keeps holding it, as for a device that sleeps. */
    void abandon() {
        client.getEndpoint().destroy();
        client.shutdown();
    }

    private final class RemovalListener implements ConnectionListener {
        @Override
        public void onConnectionRemoved(Connection connection) {
            removed.release();
        }

        @Override
        public void onConnectionEstablished(Connection connection) {}

        @Override
        public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeSequenceNumber) {
            return false;
        }

        @Override
        public boolean onConnectionMacError(Connection connection) {
            return false;
        }

        @Override
        public void beforeExecution(Connection connection) {}

        @Override
        public void updateExecution(Connection connection) {}

        @Override
        public void afterExecution(Connection connection) {}
    }
}
