package dev.ferry.source.coap.internal;

import dev.ferry.coap.CoapConfigurations;
import dev.ferry.source.coap.ClientAuth;
import dev.ferry.source.coap.CoapSourceConfig;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium's settings for the ingress. The agent's whole budget is 60 MiB, so every pool is one thread: the
 * protocol stage only checks and dispatches (decoding and storing run on virtual threads), and one DTLS handshake at
 * a time is plenty for a gateway's devices. Caches sized for a server farm (150,000 peers by default) are cut to the
 * configured sessions.
 *
 * <p>Duplicate detection keeps the last {@link #REMEMBERED_PER_DEVICE} exchanges of each device rather than every
 * exchange of the last EXCHANGE_LIFETIME (247 s): at a few thousand requests a second, Californium's default keeps
 * a million exchanges and runs a small heap out of memory. A device sends one confirmable request at a time
 * (NSTART 1), so a retransmission always finds the exchange it repeats.
 *
 * <p>The sessions themselves are bounded by {@link SessionSlots}, sized to {@code max_sessions}. Scandium's own
 * connection limit is set higher, to {@link #HANDSHAKES_PER_CLEANUP} at least, because Scandium also uses it as a
 * flood guard: once more handshakes than that completed since its last clean-up (every 5 s, and only of sessions
 * gone since), it answers every ClientHello with a HelloVerifyRequest again and logs an error for each. Tied to 256
 * sessions, that capped devices opening a session per request at about 50 a second and then spun each of them in a
 * HelloVerifyRequest loop.
 */
final class CaliforniumSettings {

    /** Threads of each of Californium's pools. */
    static final int THREADS = 1;
    /** Exchanges remembered per device to answer a retransmitted request from the cache. */
    static final int REMEMBERED_PER_DEVICE = 16;
    /** Handshakes Scandium lets complete between two of its clean-ups, well above what one handshake thread does. */
    static final int HANDSHAKES_PER_CLEANUP = 4096;

    private CaliforniumSettings() {}

    static Configuration of(CoapSourceConfig config, boolean certificates) {
        int peers = Math.max(config.maxSessions(), 16);
        Configuration c = CoapConfigurations.fresh();
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, THREADS);
        c.set(CoapConfig.MAX_ACTIVE_PEERS, peers);
        c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        c.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, REMEMBERED_PER_DEVICE);
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, (int) config.maxBodySize().bytes());
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, THREADS);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, THREADS);
        c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, THREADS);
        c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, THREADS);
        c.set(DtlsConfig.DTLS_MAX_CONNECTIONS, Math.max(config.maxSessions(), HANDSHAKES_PER_CLEANUP));
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        c.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, !certificates ? CertificateAuthenticationMode.NONE
                : config.clientAuth() == ClientAuth.NEEDED ? CertificateAuthenticationMode.NEEDED
                : CertificateAuthenticationMode.WANTED);
        return c;
    }
}
