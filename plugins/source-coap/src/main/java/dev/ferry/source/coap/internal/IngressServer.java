package dev.ferry.source.coap.internal;

import dev.ferry.api.failure.BindFailures;
import dev.ferry.api.Nullable;
import dev.ferry.source.coap.CoapSourceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * The ingress's Californium endpoints: DTLS (certificates and/or pre-shared keys) and, when allowed, plain CoAP,
 * sharing one protocol thread and one timer thread. Built and started together; closed together.
 */
final class IngressServer implements AutoCloseable {

    private final ScheduledExecutorService protocol;
    private final ScheduledExecutorService timer;
    private final List<CoapEndpoint> started = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private @Nullable CoapEndpoint secure;
    private @Nullable CoapEndpoint plain;

    private IngressServer(String source) {
        this.protocol = Executors.newScheduledThreadPool(CaliforniumSettings.THREADS, daemon("coap-" + source));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("coap-" + source + "-timer"));
    }

    /** Opens the endpoints the config asks for; on failure closes what was opened and says which address failed. */
    static IngressServer start(String source, CoapSourceConfig config, @Nullable CurrentCredentials credentials,
            @Nullable PskDevices pskDevices, TenantRule tenants, HandshakeRefusals handshakes, SessionSlots slots,
            TooLargeCounter tooLarge, MessageDeliverer deliverer, PortHandOver ports) throws IOException {
        IngressServer server = new IngressServer(source);
        try {
            InetAddress host = listenAddress(config.listen());
            if (credentials != null || pskDevices != null) {
                Configuration settings = CaliforniumSettings.of(config, credentials != null);
                DTLSConnector connector = new IngressDtlsConnector(dtls(settings, new InetSocketAddress(host,
                        config.port()), source, credentials, pskDevices, tenants, handshakes), slots, ports);
                server.secure = server.open(CoapEndpoint.builder().setConfiguration(settings).setConnector(connector)
                        .setDataSerializerAndParser(new UdpDataSerializer(), parser(settings))
                        .setLoggingTag(source).build(), deliverer, tooLarge, "coaps", host, config.port());
            }
            if (config.insecure() != null) {
                Configuration settings = CaliforniumSettings.of(config, false);
                server.plain = server.open(CoapEndpoint.builder().setConfiguration(settings)
                        .setConnector(new IngressUdpConnector(new InetSocketAddress(host, config.insecure().port()),
                                settings, ports))
                        .setDataSerializerAndParser(new UdpDataSerializer(), parser(settings))
                        .setLoggingTag(source).build(), deliverer, tooLarge, "coap", host, config.insecure().port());
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The parser of the endpoints' datagrams, with {@code settings}. */
    static IngressDataParser parser(Configuration settings) {
        return new IngressDataParser(settings.get(CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT));
    }

    private static DtlsConnectorConfig dtls(Configuration settings, InetSocketAddress address, String source,
            @Nullable CurrentCredentials credentials, @Nullable PskDevices pskDevices, TenantRule tenants,
            HandshakeRefusals handshakes) {
        DtlsConnectorConfig.Builder builder = DtlsConnectorConfig.builder(settings)
                .setAddress(address)
                .setLoggingTag(source)
                .setSessionListener(handshakes);
        if (credentials != null) {
            builder.setCertificateIdentityProvider(credentials);
            builder.setAdvancedCertificateVerifier(new TenantCheckingVerifier(credentials, tenants));
        }
        if (pskDevices != null) {
            builder.setAdvancedPskStore(pskDevices);
        }
        return builder.build();
    }

    private CoapEndpoint open(CoapEndpoint endpoint, MessageDeliverer deliverer, TooLargeCounter tooLarge, String scheme,
            InetAddress host, int port) throws IOException {
        endpoint.setMessageDeliverer(deliverer);
        endpoint.setExecutors(protocol, timer);
        endpoint.addInterceptor(tooLarge);
        try {
            endpoint.start();
        } catch (IOException e) {
            endpoint.destroy();
            throw new IOException(BindFailures.describe(port, e) + " (" + scheme + "://" + host.getHostAddress() + ":"
                    + port + ")", e);
        }
        started.add(endpoint);
        if (port != 0) {   // a port chosen by the system is not handed over: the next one is chosen anew
            bound.add(new InetSocketAddress(host, port));
        }
        return endpoint;
    }

    private static InetAddress listenAddress(String listen) throws IOException {
        try {
            return InetAddress.getByName(listen);
        } catch (UnknownHostException e) {
            throw new IOException("listen: cannot resolve \"" + listen + "\"", e);
        }
    }

    /** The configured addresses the endpoints listen on, for a hand-over; those of port 0 left out. */
    List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    @Nullable InetSocketAddress secureAddress() {
        return secure == null ? null : secure.getAddress();
    }

    @Nullable InetSocketAddress plainAddress() {
        return plain == null ? null : plain.getAddress();
    }

    @Override
    public void close() {
        for (CoapEndpoint endpoint : started) {
            endpoint.destroy();
        }
        started.clear();
        bound.clear();
        protocol.shutdownNow();
        timer.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name).daemon().factory();
    }
}
