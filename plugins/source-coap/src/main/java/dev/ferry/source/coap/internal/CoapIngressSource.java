package dev.ferry.source.coap.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.Nullable;
import dev.ferry.api.PluginContext;
import dev.ferry.source.coap.CoapIngress;
import dev.ferry.source.coap.CoapSourceConfig;
import dev.ferry.source.coap.IngressCounts;
import dev.ferry.source.coap.PskDeviceConfig;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code coap} source. {@link #start} opens the endpoints and returns at once; requests are then handled on
 * Californium's protocol thread and on a virtual thread each. {@link #close()} refuses new requests (5.03), gives
 * those being stored up to {@link #CLOSE_GRACE} to be answered, then closes the endpoints. A failed start (the port
 * is taken) throws, and the runtime calls start again after its backoff.
 *
 * <p>When the close is part of a hand-over to another agent (one waits to take the data directory over), the ports
 * stay bound until that agent listens on them, and requests meanwhile go unanswered rather than refused: see
 * {@link PortHandOver}.
 */
public final class CoapIngressSource implements CoapIngress {

    private static final Logger log = LoggerFactory.getLogger(CoapIngressSource.class);
    static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final String name;
    private final CoapSourceConfig config;
    private final Clock clock;
    private final @Nullable ClientTls tls;
    private final Counters counters = new Counters();
    private final QuietLog quietLog;
    private final TenantRule tenants;
    private final RateLimiter limiter;
    private final PortHandOver ports;
    private final BooleanSupplier handingOver;
    private @Nullable IngressServer server;
    private @Nullable IngressDeliverer deliverer;
    private boolean closed;

    public CoapIngressSource(CoapSourceConfig config, PluginContext context, @Nullable ClientTls tls) {
        this.name = context.name();
        this.config = config;
        this.clock = context.clock();
        this.tls = tls;
        this.quietLog = new QuietLog(log, clock);
        this.tenants = new TenantRule(config.tenantFrom());
        this.limiter = new RateLimiter(config.rateLimit(), clock);
        this.ports = new PortHandOver(name, context.dataDir());
        this.handingOver = () -> ports.successor().isPresent();
        counters.register(context.metrics());
        if (tls != null || !config.pskDevices().isEmpty()) {
            counters.countHandshakesIn(TlsMetrics.register(context.metrics(), tls));
        }
    }

    @Override
    public synchronized void start(Emitter out) throws IOException {
        if (closed || server != null) {
            return;
        }
        int maxBody = (int) config.maxBodySize().bytes();
        Responses responses = new Responses(name, counters, quietLog, maxBody);
        ReadingsHandler handler = new ReadingsHandler(new PayloadDecoding(name, config.defaultFormat()), responses, out,
                clock, maxBody, handingOver);
        Map<String, String> pskTenants = new LinkedHashMap<>();
        for (PskDeviceConfig device : config.pskDevices()) {
            pskTenants.put(device.identity(), device.tenant());
        }
        PeerResolver peers = new PeerResolver(tenants, pskTenants, config.insecure() == null ? null : config.insecure().tenant());
        IngressDeliverer requests = new IngressDeliverer(name, config.resources(), peers, limiter, responses, handler,
                config.maxInFlight(), handingOver);
        CurrentCredentials credentials = tls == null ? null : new CurrentCredentials(tls);
        PskDevices pskDevices = config.pskDevices().isEmpty() ? null
                : new PskDevices(config.pskDevices(), name, counters, quietLog);
        server = IngressServer.start(name, config, credentials, pskDevices, tenants,
                new HandshakeRefusals(name, counters, quietLog), new SessionSlots(config.maxSessions(), name, counters,
                        quietLog), new TooLargeCounter(counters), requests, ports);
        deliverer = requests;
        log.info("source {}: CoAP ingress listening on {}; readings go to {}", name, listening(server, credentials != null),
                config.resources().stream().map(r -> "/" + r).toList());
    }

    private String listening(IngressServer running, boolean certificates) {
        List<String> endpoints = new ArrayList<>();
        if (running.secureAddress() != null) {
            List<String> credentials = new ArrayList<>();
            if (certificates) {
                credentials.add("certificates " + config.clientAuth().name().toLowerCase(Locale.ROOT));
            }
            if (!config.pskDevices().isEmpty()) {
                credentials.add(config.pskDevices().size() + " PSK device(s)");
            }
            endpoints.add("coaps://" + text(running.secureAddress()) + " (" + String.join(", ", credentials) + ")");
        }
        if (running.plainAddress() != null && config.insecure() != null) {
            endpoints.add("coap://" + text(running.plainAddress()) + " (insecure, tenant " + config.insecure().tenant() + ")");
        }
        return String.join(" and ", endpoints);
    }

    private static String text(@Nullable InetSocketAddress address) {
        return address == null ? "" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        IngressServer running;
        IngressDeliverer requests;
        synchronized (this) {
            closed = true;
            running = server;
            requests = deliverer;
            server = null;
            deliverer = null;
        }
        if (running == null) {
            return;
        }
        Optional<ProcessHandle> successor = ports.successor();
        try {
            if (requests != null && !requests.stop(CLOSE_GRACE)) {
                log.warn("source {}: closing with requests still being stored; their devices will send them again", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // bound before the endpoints close, so that there is no moment the ports are closed
            successor.ifPresent(taking -> ports.keep(running.boundAddresses(), taking));
            running.close();
        }
    }

    @Override
    public IngressCounts counts() {
        return counters;
    }

    @Override
    public synchronized Optional<InetSocketAddress> secureAddress() {
        return server == null ? Optional.empty() : Optional.ofNullable(server.secureAddress());
    }

    @Override
    public synchronized Optional<InetSocketAddress> plainAddress() {
        return server == null ? Optional.empty() : Optional.ofNullable(server.plainAddress());
    }
}
